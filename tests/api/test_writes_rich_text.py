"""API writes store rich text exactly as the admin editor would, and nothing the editor cannot hold."""

import json

import pytest

from cms.api.models import ApiToken
from cms.news.models import NewsArticlePage

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HOSTILE_PARAGRAPHS = [
    "<p>Thông báo</p><script>alert(1)</script>",
    '<p>Ảnh <img src="x" onerror="alert(1)"></p>',
    '<p onclick="alert(1)">Bấm vào đây</p>',
    '<p><a href="javascript:alert(1)">Tải về</a></p>',
    '<p><a href=" JaVa&#x09;script:alert(1)">Tải về</a></p>',
    '<p><a href="https://customs.gov.vn" onmouseover="alert(1)">Liên kết</a></p>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://example.com"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">Kiểu</p>',
    "<div>Khối lạ</div>",
    "<p><b>Chưa đóng</p>",
]


@pytest.fixture
def newsroom(department, superuser):
    hcm = department("HCM")
    token = ApiToken(department=hcm, name="Tin tự động", scope="publish").issue()
    return {"host": hcm.site.hostname, "token": token}


def write(client, newsroom, data, method="post", path="/api/news/"):
    return getattr(client, method)(
        path,
        json.dumps(data),
        content_type="application/json",
        HTTP_HOST=newsroom["host"],
        HTTP_AUTHORIZATION=f"Bearer {newsroom['token']}",
    )


def test_script_handlers_and_unknown_tags_are_refused_naming_the_block_and_storing_nothing(
    client, newsroom
):
    before = NewsArticlePage.objects.count()
    for html in HOSTILE_PARAGRAPHS:
        body = [{"type": "heading", "value": "Tin"}, {"type": "paragraph", "value": html}]
        response = write(client, newsroom, {"title": "Tin thử", "body": body})
        assert response.status_code == 400, html
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["parameter"] == "body[1].value", html
    assert NewsArticlePage.objects.count() == before


def test_a_hostile_paragraph_in_an_update_is_refused_and_the_article_keeps_its_body(
    client, newsroom
):
    created = write(
        client,
        newsroom,
        {"title": "Tin gốc", "body": [{"type": "paragraph", "value": "<p>Nội dung gốc</p>"}]},
    ).json()
    response = write(
        client,
        newsroom,
        {"body": [{"type": "paragraph", "value": '<p><img src="x" onerror="alert(1)"></p>'}]},
        method="patch",
        path=f"/api/news/{created['id']}/",
    )
    assert response.status_code == 400 and response.json()["parameter"] == "body[0].value"
    stored = NewsArticlePage.objects.get(pk=created["id"]).get_latest_revision_as_object()
    assert "Nội dung gốc" in stored.body[0].value.source


def test_harmless_html_is_stored_in_the_editors_form_and_the_article_opens_in_the_admin(
    client, newsroom, superuser
):
    html = (
        "<p>Hải quan<br>điện tử &amp; <strong>đậm</strong> <em>nghiêng</em> "
        '<a href="https://customs.gov.vn/?a=1&b=2">Cổng</a></p>'
        "<ul><li>Một</li><li>Hai</li></ul><h3>Mục</h3>"
    )
    response = write(
        client,
        newsroom,
        {
            "title": "Tin định dạng",
            "body": [{"type": "paragraph", "value": html}],
            "action": "publish",
        },
    )
    assert response.status_code == 201, response.content
    stored = response.json()["body"][0]["value"]
    assert "<br/>" in stored and "<b>đậm</b>" in stored and "<i>nghiêng</i>" in stored
    assert 'href="https://customs.gov.vn/?a=1&amp;b=2"' in stored
    assert "<li data-block-key=" in stored and "<h3 data-block-key=" in stored
    client.force_login(superuser)
    edit = client.get(f"/admin/pages/{response.json()['id']}/edit/", HTTP_HOST=newsroom["host"])
    assert edit.status_code == 200


def test_plain_text_fields_carrying_markup_never_run_on_the_public_page_or_in_the_admin(
    client, newsroom, superuser
):
    data = {
        "title": f"Tiêu đề {SCRIPT}",
        "teaser": f'Tóm tắt <img src=x onerror="alert(1)">{SCRIPT}',
        "source": f"Nguồn {SCRIPT}",
        "tags": [SCRIPT, "<b onmouseover=alert(1)>thẻ</b>"],
        "category": "digital",
        "body": [
            {"type": "heading", "value": f"Mục {SCRIPT}"},
            {"type": "paragraph", "value": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
        ],
        "action": "publish",
    }
    response = write(client, newsroom, data)
    assert response.status_code == 201, response.content
    article = NewsArticlePage.objects.get(pk=response.json()["id"])
    page = client.get(article.url, HTTP_HOST=newsroom["host"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tiêu đề &lt;script&gt;" in html
    assert "<script>alert" not in html and 'onerror="alert(1)"' not in html
    assert "<b onmouseover" not in html and "&lt;b onmouseover=alert(1)&gt;" in html
    client.force_login(superuser)
    edit = client.get(f"/admin/pages/{article.pk}/edit/", HTTP_HOST=newsroom["host"])
    assert edit.status_code == 200
    assert "<script>alert(1)</script>" not in edit.content.decode()
    category = write(client, newsroom, {"title": "Tin", "category": SCRIPT})
    assert category.status_code == 400 and category.json()["parameter"] == "category"


def test_a_block_type_the_api_does_not_write_is_refused(client, newsroom):
    response = write(
        client,
        newsroom,
        {"title": "Tin", "body": [{"type": "embed", "value": "https://example.com/x"}]},
    )
    assert response.status_code == 400 and response.json()["parameter"] == "body"
