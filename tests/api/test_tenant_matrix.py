"""Host of department A × every endpoint × ids, paths and parameters of department B.

Every request answers 404 or 400 — or, for listings and feeds where B's value is only a
filter, 200 without a trace of B. Nothing of B (pages, drafts, images, documents, renditions,
news, local notes, changes, search hits, tokens) ever comes back.
"""

import json

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from cms.api.models import ApiToken
from cms.library.models import LocalNote
from cms.news.factories import news_article_factory
from cms.news.models import NewsIndexPage
from tests.cms.library.factories import procedure

pytestmark = pytest.mark.django_db

SECRET = "Bímật"  # in every title of department B


@pytest.fixture
def tenants(sites):
    hcm, hn = sites["HCM"], sites["HN"]
    b = hn["department"]
    for page in (hn["public"], hn["public_en"], hn["vi_only"]):
        page.title = f"{SECRET} {page.title}"
        page.save_revision().publish()
    index = NewsIndexPage.objects.child_of(b.site.root_page).get()
    image = get_image_model().objects.create(
        title=f"{SECRET} ảnh", file=get_test_image_file(), collection=b.collection
    )
    document = get_document_model().objects.create(
        title=f"{SECRET} tài liệu",
        file=ContentFile(b"%PDF-1.4", name="b.pdf"),
        collection=b.collection,
    )
    article = news_article_factory(index, title=f"{SECRET} tin", tags=("bi-mat",), lead_image=image)
    draft_article = news_article_factory(index, title=f"{SECRET} tin nháp", publish=False)
    item = procedure("1.000001", title="Thủ tục chung", en=False)
    note = LocalNote.objects.create(department=b, procedure=item, office=f"{SECRET} chi cục")
    b_token = ApiToken(department=b, name=f"{SECRET} token", scope="publish").issue()
    a_token = ApiToken(department=hcm["department"], name="A", scope="publish").issue()
    return {
        "a_host": hcm["host"],
        "b": hn,
        "image": image,
        "document": document,
        "article": article,
        "draft_article": draft_article,
        "note": note,
        "a_token": a_token,
        "b_token": b_token,
    }


def b_ids_and_paths(t) -> list[tuple[str, dict]]:
    """Object URLs of B: each must be 404 (or 400) on A's Host."""
    b = t["b"]
    home = b["department"].site.root_page
    return [
        (f"/api/pages/{b['public'].pk}/", {}),
        (f"/api/pages/{b['public_en'].pk}/", {"locale": "en"}),
        (f"/api/pages/{b['public'].pk}/", {"locale": "en", "fallback": "vi"}),
        (f"/api/pages/{b['draft'].pk}/", {}),
        (f"/api/pages/{b['private'].pk}/", {}),
        (f"/api/pages/{home.pk}/", {}),
        ("/api/pages/find/", {"html_path": "/vi/thong-bao-hn/"}),
        ("/api/pages/find/", {"id": b["public"].pk}),
        ("/api/pages/", {"child_of": home.pk}),
        ("/api/pages/", {"descendant_of": home.pk}),
        ("/api/pages/", {"ancestor_of": b["public"].pk}),
        ("/api/pages/", {"site": b["host"]}),
        ("/api/pages/", {"site": b["host"], "child_of": home.pk}),
        (f"/api/images/{t['image'].pk}/", {}),
        (f"/api/images/{t['image'].pk}/rendition/", {"size": "thumbnail", "format": "webp"}),
        (f"/api/documents/{t['document'].pk}/", {}),
        (f"/api/news/{t['article'].pk}/", {}),
        (f"/api/news/{t['article'].pk}/", {"locale": "en", "fallback": "vi"}),
        (f"/api/news/{t['draft_article'].pk}/", {}),
        (f"/api/local-notes/{t['note'].pk}/", {}),
    ]


def b_filters(t) -> list[tuple[str, dict]]:
    """Listings filtered by B's values: 400/404, or 200 without any of B's data."""
    b = t["b"]
    return [
        ("/api/pages/", {"translation_of": b["public"].pk}),
        ("/api/pages/", {"id": b["public"].pk}),
        ("/api/pages/", {"search": SECRET}),
        ("/api/pages/", {"fields": "*", "limit": 100}),
        ("/api/images/", {"id": t["image"].pk}),
        ("/api/images/", {"search": SECRET}),
        ("/api/documents/", {"id": t["document"].pk}),
        ("/api/news/", {"tag": "bi-mat", "fields": "*"}),
        ("/api/news/", {"locale": "en", "fallback": "vi", "fields": "*", "limit": 100}),
        ("/api/news/", {"order": "most_read"}),
        ("/api/local-notes/", {"procedure": "1.000001"}),
        ("/api/procedures/1.000001/", {}),
        ("/api/procedures/", {"q": "1.000001"}),
        ("/api/search/", {"q": SECRET}),
        ("/api/search/", {"q": "Thông báo HN"}),
        ("/api/changes/", {"since": "", "limit": 100}),
        ("/api/changes/", {"since": "0", "limit": 100}),
        ("/api/changes/", {"since": "0", "limit": 100, "locale": "en"}),
        ("/api/department/", {}),
    ]


def content(response) -> str:
    """The body without `meta` (search echoes the query there)."""
    data = response.json()
    if isinstance(data, dict):
        data.pop("meta", None)
    return json.dumps(data, ensure_ascii=False)


def test_department_a_never_answers_with_department_b(client, tenants):
    host = tenants["a_host"]
    failures = []
    for path, params in b_ids_and_paths(tenants):
        response = client.get(path, params, HTTP_HOST=host)
        if response.status_code not in (400, 404):
            failures.append((path, params, response.status_code))
        elif SECRET in response.content.decode():
            failures.append((path, params, "leaks B in the error"))
    for path, params in b_filters(tenants):
        response = client.get(path, params, HTTP_HOST=host)
        if response.status_code not in (200, 400, 404) or SECRET in content(response):
            failures.append((path, params, response.status_code, "B's data"))
    assert failures == []


def test_b_data_is_really_there_on_bs_own_host(client, tenants):
    """The matrix above would pass vacuously if B's objects were broken: they answer on B's Host."""
    host = tenants["b"]["host"]
    for path, params in b_ids_and_paths(tenants)[:1] + [
        (f"/api/images/{tenants['image'].pk}/", {}),
        (f"/api/documents/{tenants['document'].pk}/", {}),
        (f"/api/news/{tenants['article'].pk}/", {}),
        (f"/api/local-notes/{tenants['note'].pk}/", {}),
        ("/api/search/", {"q": SECRET}),
        ("/api/news/", {"tag": "bi-mat"}),
    ]:
        response = client.get(path, params, HTTP_HOST=host)
        assert response.status_code == 200, path
        assert SECRET in response.content.decode(), path


def test_tokens_reach_only_their_own_department(client, tenants):
    host = tenants["a_host"]
    article = tenants["draft_article"].pk
    a_token = {"HTTP_AUTHORIZATION": f"Bearer {tenants['a_token']}"}
    b_token = {"HTTP_AUTHORIZATION": f"Bearer {tenants['b_token']}"}
    # A's token, A's Host, B's ids: not found.
    assert client.get(f"/api/news/{article}/draft/", HTTP_HOST=host, **a_token).status_code == 404
    assert (
        client.post(f"/api/news/{article}/publish/", HTTP_HOST=host, **a_token).status_code == 404
    )
    # B's token on A's Host: refused, whatever the id.
    for path in (f"/api/news/{article}/draft/", "/api/news/"):
        method = client.get if path.endswith("draft/") else client.post
        response = method(path, HTTP_HOST=host, **b_token)
        assert response.status_code == 403
        assert SECRET not in response.content.decode()
    # A token never turns a public read into a read of drafts.
    response = client.get(f"/api/news/{article}/", HTTP_HOST=host, **a_token)
    assert response.status_code == 404


ENDPOINTS = {
    "/api/department/": {},
    "/api/pages/": {},
    "/api/images/": {},
    "/api/documents/": {},
    "/api/news/": {},
    "/api/procedures/": {},
    "/api/legal-documents/": {},
    "/api/local-notes/": {},
    "/api/search/": {"q": "hải quan"},
    "/api/changes/": {},
}
LISTINGS = [path for path in ENDPOINTS if path != "/api/department/"]


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_unknown_parameters_are_rejected_naming_the_parameter(client, sites, path):
    params = {**ENDPOINTS[path], "colour": "đỏ"}
    response = client.get(path, params, HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 400
    assert response.json()["parameter"] == "colour"


@pytest.mark.parametrize("path", LISTINGS)
def test_limit_is_capped(client, sites, path):
    response = client.get(path, {**ENDPOINTS[path], "limit": 101}, HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 400
    assert response.json()["parameter"] == "limit"
    ok = client.get(path, {**ENDPOINTS[path], "limit": 100}, HTTP_HOST=sites["HCM"]["host"])
    assert ok.status_code == 200
