"""Writes for editorial automation: a token writes its own department's news, never another's."""

import json
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from cms.api.models import ApiToken
from cms.news.factories import news_article_factory
from cms.news.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "Hải quan TP.HCM triển khai thông quan tự động",
    "teaser": "Hệ thống mới rút ngắn thời gian thông quan.",
    "category": "digital",
    "date": "2026-11-20",
    "tags": ["thông quan", "tự động"],
    "body": [
        {"type": "heading", "value": "Thông quan 24/7"},
        {"type": "paragraph", "value": "<p>Doanh nghiệp khai báo trực tuyến.</p>"},
    ],
}


@pytest.fixture
def newsrooms(department):
    hcm, hn = department("HCM"), department("HN")
    tokens = {
        scope: ApiToken(department=hcm, name=f"Tin tự động {scope}", scope=scope).issue()
        for scope in ("draft", "submit", "publish")
    }
    hn_index = NewsIndexPage.objects.child_of(hn.site.root_page).get()
    hn_draft = news_article_factory(hn_index, title="Bản nháp Hà Nội", publish=False)
    return {"hcm": hcm, "hn": hn, "tokens": tokens, "hn_draft": hn_draft}


def call(client, method, path, host, token=None, data=None):
    headers = {"HTTP_HOST": host}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    body = json.dumps(data) if data is not None else ""
    return getattr(client, method)(path, body, content_type="application/json", **headers)


def test_a_draft_token_creates_a_draft_the_public_cannot_see(client, newsrooms):
    host = newsrooms["hcm"].site.hostname
    response = call(client, "post", "/api/news/", host, newsrooms["tokens"]["draft"], ARTICLE)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["live"] is False
    assert created["tags"] == ["thông quan", "tự động"]
    assert created["body"][0] == {"type": "heading", "value": "Thông quan 24/7"}
    article = NewsArticlePage.objects.get(pk=created["id"])
    assert article.get_parent().specific_class is NewsIndexPage
    assert article.path.startswith(newsrooms["hcm"].site.root_page.path)
    assert client.get(f"/api/news/{article.pk}/", HTTP_HOST=host).status_code == 404
    draft = call(
        client, "get", f"/api/news/{article.pk}/draft/", host, newsrooms["tokens"]["draft"]
    )
    assert draft.json()["title"] == ARTICLE["title"]


def test_updating_saves_a_new_revision_and_publishing_needs_the_publish_scope(client, newsrooms):
    host = newsrooms["hcm"].site.hostname
    tokens = newsrooms["tokens"]
    pk = call(client, "post", "/api/news/", host, tokens["draft"], ARTICLE).json()["id"]
    updated = call(
        client, "patch", f"/api/news/{pk}/", host, tokens["draft"], {"title": "Tiêu đề mới"}
    )
    assert updated.status_code == 200 and updated.json()["title"] == "Tiêu đề mới"
    denied = call(client, "post", f"/api/news/{pk}/publish/", host, tokens["draft"])
    assert denied.status_code == 403 and denied.json()["parameter"] == "action"
    published = call(client, "post", f"/api/news/{pk}/publish/", host, tokens["publish"])
    assert published.status_code == 200 and published.json()["live"] is True
    public = client.get(f"/api/news/{pk}/", HTTP_HOST=host).json()
    assert public["title"] == "Tiêu đề mới"


def test_submit_starts_the_departments_moderation_workflow(client, newsrooms):
    host = newsrooms["hcm"].site.hostname
    tokens = newsrooms["tokens"]
    pk = call(client, "post", "/api/news/", host, tokens["submit"], ARTICLE).json()["id"]
    submitted = call(client, "post", f"/api/news/{pk}/submit/", host, tokens["submit"])
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["in_moderation"] is True
    assert NewsArticlePage.objects.get(pk=pk).get_workflow() == newsrooms["hcm"].workflow


def test_a_token_of_one_department_never_reads_or_writes_anothers(client, newsrooms):
    hcm_host, hn_host = newsrooms["hcm"].site.hostname, newsrooms["hn"].site.hostname
    token = newsrooms["tokens"]["publish"]
    other = newsrooms["hn_draft"].pk
    # On its own Host, B's ids do not exist.
    assert call(client, "get", f"/api/news/{other}/draft/", hcm_host, token).status_code == 404
    assert (
        call(client, "patch", f"/api/news/{other}/", hcm_host, token, {"title": "x"}).status_code
        == 404
    )
    assert call(client, "post", f"/api/news/{other}/publish/", hcm_host, token).status_code == 404
    # On B's Host, the token is refused outright.
    for method, path, data in (
        ("post", "/api/news/", ARTICLE),
        ("get", f"/api/news/{other}/draft/", None),
        ("patch", f"/api/news/{other}/", {"title": "x"}),
        ("post", f"/api/news/{other}/submit/", None),
    ):
        response = call(client, method, path, hn_host, token, data)
        assert response.status_code == 403, (method, path)
    newsrooms["hn_draft"].refresh_from_db()
    assert newsrooms["hn_draft"].title == "Bản nháp Hà Nội"
    assert not NewsArticlePage.objects.filter(title=ARTICLE["title"]).exists()


def test_no_token_or_a_bad_one_is_401_and_public_reads_are_unchanged(client, newsrooms):
    host = newsrooms["hcm"].site.hostname
    for token in (None, "cpt_0000_wrong", "not-a-token"):
        response = call(client, "post", "/api/news/", host, token, ARTICLE)
        assert response.status_code == 401
        assert response.json()["parameter"] == "Authorization"
        assert response["WWW-Authenticate"].startswith("Bearer")
    revoked = ApiToken.objects.get(name="Tin tự động publish")
    revoked.is_active = False
    revoked.save()
    response = call(client, "post", "/api/news/", host, newsrooms["tokens"]["publish"], ARTICLE)
    assert response.status_code == 401
    assert client.get("/api/news/", HTTP_HOST=host).status_code == 200
    assert client.delete("/api/news/", HTTP_HOST=host).status_code == 405


@pytest.mark.parametrize(
    ("data", "parameter"),
    [
        ({**ARTICLE, "category": "sport"}, "category"),
        ({**ARTICLE, "date": "hôm nay"}, "date"),
        ({**ARTICLE, "date": 0}, "date"),  # found by the fuzzer: read as a Unix time
        ({**ARTICLE, "title": ""}, "title"),
        ({**ARTICLE, "body": [{"type": "video", "value": "x"}]}, "body"),
        ({**ARTICLE, "author": "x"}, "author"),
        ({**ARTICLE, "locale": "fr"}, "locale"),
        ({**ARTICLE, "action": "delete"}, "action"),
    ],
)
def test_bad_fields_are_400_naming_the_field(client, newsrooms, data, parameter):
    host = newsrooms["hcm"].site.hostname
    response = call(client, "post", "/api/news/", host, newsrooms["tokens"]["draft"], data)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_command_prints_the_token_once_and_stores_only_its_hash(newsrooms):
    out = StringIO()
    call_command("create_api_token", "hcm", "Đồng bộ cổng tin", "--scope", "submit", stdout=out)
    text = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.authenticate(text)
    assert token.department == newsrooms["hcm"] and token.scope == "submit"
    assert text.split("_")[-1] not in token.secret_hash
    with pytest.raises(Exception, match="already has a token"):
        call_command("create_api_token", "HCM", "Đồng bộ cổng tin", stdout=StringIO())
    with pytest.raises(Exception, match="No department"):
        call_command("create_api_token", "XX", "a", stdout=StringIO())


def test_site_admins_issue_tokens_for_their_department_only_and_see_them_once(
    client, newsrooms, member
):
    admin = member(newsrooms["hcm"], "site_admin")
    editor = member(newsrooms["hcm"], "editor")
    client.force_login(editor)
    add_url = reverse("wagtailsnippets_api_apitoken:add")
    assert client.get(add_url, HTTP_HOST="localhost").status_code in (302, 403)
    client.force_login(admin)
    refused = client.post(
        add_url,
        {"department": newsrooms["hn"].pk, "name": "Sai", "scope": "draft", "is_active": "on"},
        HTTP_HOST="localhost",
    )
    assert refused.status_code == 200  # form error: not a department this admin administers
    response = client.post(
        add_url,
        {
            "department": newsrooms["hcm"].pk,
            "name": "Cổng tin",
            "scope": "draft",
            "is_active": "on",
        },
        HTTP_HOST="localhost",
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    token_text = re.search(r"cpt_[0-9a-f]+_[\w-]+", message).group()
    assert ApiToken.authenticate(token_text).name == "Cổng tin"
    listing = client.get(reverse("wagtailsnippets_api_apitoken:list"), HTTP_HOST="localhost")
    assert "Cổng tin" in listing.content.decode()
    assert "Tin tự động draft" in listing.content.decode()  # same department
    assert token_text not in listing.content.decode()


def test_another_departments_site_admin_neither_lists_nor_opens_its_tokens(
    client, newsrooms, member
):
    token = ApiToken.objects.filter(department=newsrooms["hcm"]).first()
    client.force_login(member(newsrooms["hn"], "site_admin"))
    listing = client.get(reverse("wagtailsnippets_api_apitoken:list"), HTTP_HOST="localhost")
    assert listing.status_code == 200
    assert token.name not in listing.content.decode()
    for name in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_api_apitoken:{name}", args=[token.pk])
        assert client.get(url, HTTP_HOST="localhost").status_code in (403, 404)
        assert client.post(url, {"name": "x"}, HTTP_HOST="localhost").status_code in (403, 404)
    token.refresh_from_db()
    assert token.name.startswith("Tin tự động")
