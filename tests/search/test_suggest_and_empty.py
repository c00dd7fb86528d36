"""The header search's suggestions endpoint, the "no results" help and facet labels (issue 16)."""

from wagtail.models import PageViewRestriction

import pytest

from cms.news.factories import news_article_factory
from cms.standard.models import StandardPage
from tests.cms.news.test_news_pages import news_index
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def suggest(client, department, query, language="vi"):
    response = client.get(
        f"/{language}/search/suggest/", {"q": query}, HTTP_HOST=department.site.hostname
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_suggestions_come_from_the_departments_own_public_pages_only(client, department):
    hn, hcm = department("HN"), department("HCM")
    add_page(hn.site.root_page, StandardPage, title="Đà Nẵng mở cửa khẩu", slug="da-nang")
    add_page(hcm.site.root_page, StandardPage, title="Đà Nẵng đón tàu biển", slug="da-nang-hcm")
    draft = StandardPage(title="Đà Nẵng bản nháp", slug="nhap", live=False)
    hn.site.root_page.add_child(instance=draft)
    private = add_page(hn.site.root_page, StandardPage, title="Đà Nẵng nội bộ", slug="noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    body = suggest(client, hn, "Da N")
    assert body["query"] == "Da N"
    assert [s["title"] for s in body["suggestions"]] == ["Đà Nẵng mở cửa khẩu"]
    suggestion = body["suggestions"][0]
    assert suggestion["url"].endswith("/vi/da-nang/")
    assert set(suggestion) == {"title", "url", "kind"}
    # Control: the same probe on the other department's site finds its own page, not HN's.
    assert [s["title"] for s in suggest(client, hcm, "Da N")["suggestions"]] == [
        "Đà Nẵng đón tàu biển"
    ]


@pytest.mark.parametrize("query", ["", " ", "Đ", "x" * 5000, "%00", "<script>"])
def test_suggestions_for_short_blank_or_odd_input_are_an_empty_list_never_an_error(
    client, department, query
):
    hn = department("HN")
    body = suggest(client, hn, query)
    assert body["suggestions"] == []
    assert len(body["query"]) <= 200


def test_header_search_form_is_on_every_page_and_points_at_the_search_and_suggest_urls(
    client, department
):
    hn = department("HN")
    page = add_page(
        hn.site.root_page, StandardPage, title="Thông báo lịch làm việc", slug="lich-lam-viec"
    )
    html = client.get(page.url, HTTP_HOST=hn.site.hostname).content.decode()
    assert 'id="site-search"' in html
    assert 'action="/vi/search/"' in html
    assert 'data-suggest="/vi/search/suggest/"' in html
    assert '<meta name="description"' in html


def test_no_results_is_a_message_with_the_other_sites_that_have_matches(client, department):
    hn, hcm = department("HN"), department("HCM")
    add_page(hcm.site.root_page, StandardPage, title="Cửa khẩu Tân Sơn Nhất", slug="tsn")
    secret = add_page(hcm.site.root_page, StandardPage, title="Bảo mật Xa Mát", slug="bm")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")

    response = client.get("/vi/search/", {"q": "Tân Sơn Nhất"}, HTTP_HOST=hn.site.hostname)
    html = response.content.decode()
    assert 'class="search-empty"' in html
    assert "search-results" not in html  # a message, not a numbered list item
    assert "Không có nội dung nào trên trang này khớp với" in html
    assert [site["name"] for site in response.context["elsewhere"]] == [hcm.name]
    assert hcm.site.hostname in response.context["elsewhere"][0]["url"]
    # Control: a private page elsewhere is never hinted at.
    response = client.get("/vi/search/", {"q": "Bảo mật Xa Mát"}, HTTP_HOST=hn.site.hostname)
    assert response.context["elsewhere"] == []
    # And the site that has the page shows it as a result, with no "no results" message.
    html = client.get(
        "/vi/search/", {"q": "Tân Sơn Nhất"}, HTTP_HOST=hcm.site.hostname
    ).content.decode()
    assert "search-empty" not in html
    assert "Cửa khẩu <mark>Tân</mark>" in html


def test_facets_are_labelled_in_the_pages_language_not_with_category_codes(client, department):
    hn = department("HN")
    news_article_factory(news_index(hn), title="Cửa khẩu Hữu Nghị thông quan", category="border")
    response = client.get("/vi/search/", {"q": "cua khau"}, HTTP_HOST=hn.site.hostname)
    labels = [choice["label"] for choice in response.context["facets"]["category"]]
    assert labels == ["Cửa khẩu"]
    html = response.content.decode()
    assert ">border<" not in html
    assert "<summary>Lĩnh vực</summary>" in html
