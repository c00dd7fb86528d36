"""The OpenAPI document is the contract: real responses validate against it, golden JSON pins shapes."""

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from cms.api.contract import document

pytestmark = pytest.mark.django_db
EXPECTED = Path(__file__).parent / "expected"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def validate(path: str, status: int, body: dict, method: str = "get") -> None:
    doc = document()
    template = next(
        p for p in doc["paths"] if re.fullmatch(re.sub(r"\{[a-z]+\}", r"[^/]+", p), path)
    )
    response = doc["paths"][template][method]["responses"][str(status)]
    content = response["content"]
    schema = next(iter(content.values()))["schema"]
    validator = jsonschema.Draft202012Validator({**schema, "components": doc["components"]})
    validator.validate(body)


def normalize(value):
    """Ids, timestamps and hosts vary between runs; shapes and texts must not."""
    if isinstance(value, dict):
        return {
            k: "<id>"
            if k == "id" and (isinstance(v, int) or UUID.fullmatch(str(v)))
            else "<cursor>"
            if k == "next"
            else normalize(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, str):
        value = re.sub(r"\d{4}-\d\d-\d\dT[\d:.+\-Z]+", "<datetime>", value)
        return re.sub(r"/(\d+)/", "/<id>/", value)
    return value


def golden(name: str, body: dict) -> None:
    path = EXPECTED / f"{name}.json"
    actual = normalize(body)
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert actual == json.loads(path.read_text())


def test_openapi_document_is_served_and_is_valid_openapi_31(client, sites):
    response = client.get("/api/openapi.json", HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    jsonschema.Draft202012Validator.check_schema(doc["components"]["schemas"]["Department"])
    for path in (
        "/api/pages/",
        "/api/pages/{id}/",
        "/api/images/",
        "/api/documents/",
        "/api/department/",
        "/api/search/",
        "/api/changes/",
        "/api/images/{id}/rendition/",
        "/api/news/",
        "/api/news/{id}/",
        "/api/procedures/",
        "/api/procedures/{code}/",
        "/api/legal-documents/",
        "/api/legal-documents/{number}/",
        "/api/local-notes/",
        "/api/local-notes/{id}/",
    ):
        assert "400" in doc["paths"][path]["get"]["responses"], path
    for path, method in (
        ("/api/news/", "post"),
        ("/api/news/{id}/", "patch"),
        ("/api/news/{id}/draft/", "get"),
        ("/api/news/{id}/submit/", "post"),
        ("/api/news/{id}/publish/", "post"),
    ):
        operation = doc["paths"][path][method]
        assert operation["security"] == [{"bearer": []}]
        assert {"401", "403", "404"} <= set(operation["responses"]), path
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_interactive_docs_load_only_local_assets(client, sites):
    response = client.get("/api/docs/", HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"(src|href)=\"https?://", html)


CASES = [
    ("department", "/api/department/", {"locale": "en"}),
    (
        "pages",
        "/api/pages/",
        {"locale": "vi", "type": "standard.StandardPage", "fields": "teaser", "order": "title"},
    ),
    ("page", None, {}),
    ("search", "/api/search/", {"q": "Thông báo"}),
    ("changes", "/api/changes/", {"since": "", "limit": 3}),
    ("images", "/api/images/", {}),
    ("documents", "/api/documents/", {}),
]


@pytest.mark.parametrize(("name", "path", "params"), CASES, ids=[c[0] for c in CASES])
def test_responses_match_the_document_and_the_golden_json(client, sites, name, path, params):
    hcm = sites["HCM"]
    path = path or f"/api/pages/{hcm['public'].pk}/"
    response = client.get(path, params, HTTP_HOST=hcm["host"])
    assert response.status_code == 200, response.content
    validate(path, 200, response.json())
    golden(name, response.json())


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/pages/", {"limit": "1000"}, "limit"),
        ("/api/pages/", {"limit": "abc"}, "limit"),
        ("/api/pages/", {"nonsense": "1"}, "nonsense"),
        ("/api/pages/", {"locale": "fr"}, "locale"),
        ("/api/pages/", {"fallback": "xx"}, "fallback"),
        ("/api/pages/", {"type": "no.SuchPage"}, "type"),
        ("/api/pages/", {"fields": "no_such_field"}, "fields"),
        ("/api/pages/", {"order": "no_such_field"}, "order"),
        ("/api/images/", {"offset": "-1"}, "offset"),
        ("/api/search/", {}, "q"),
        ("/api/search/", {"q": "x", "limit": "101"}, "limit"),
        ("/api/changes/", {"since": "garbage"}, "since"),
        ("/api/department/", {"locale": "de"}, "locale"),
        ("/api/department/", {"x": "1"}, "x"),
    ],
)
def test_bad_parameters_answer_400_problem_naming_the_parameter(
    client, sites, path, params, parameter
):
    response = client.get(path, params, HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    validate(path, 400, body)
    assert body["parameter"] == parameter
    assert body["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/pages/999999/",
        "/api/images/999999/",
        "/api/documents/999999/",
        "/api/images/999999/rendition/",
    ],
)
def test_unknown_ids_answer_404_problem(client, sites, path):
    response = client.get(path, HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 404
    assert response.json()["status"] == 404


@pytest.mark.parametrize("value", ["³", "١٢", "-1", "1e3"])
def test_non_ascii_or_signed_numbers_are_a_400_naming_the_parameter(sites, value):
    """Found by the fuzzer: "³".isdigit() is true, but it is no number."""
    from django.test import Client

    for path in ("/api/pages/", "/api/changes/"):
        response = Client().get(path, {"limit": value}, HTTP_HOST=sites["HCM"]["host"])
        assert response.status_code == 400, (path, value)
        assert "limit" in response.content.decode()


@pytest.fixture
def content(sites):
    """News, a procedure with its legal basis and a local note of HCM, for the project's resources."""
    import datetime

    from cms.library.models import LocalNote
    from cms.news.factories import news_article_factory
    from cms.news.models import NewsIndexPage
    from tests.cms.library.factories import legal_document, procedure

    hcm = sites["HCM"]["department"]
    index = NewsIndexPage.objects.child_of(hcm.site.root_page).get()
    article = news_article_factory(
        index,
        title="Thu ngân sách 10 tháng đạt 85% dự toán",
        date=datetime.date(2026, 11, 2),
        teaser="Cục Hải quan TP.HCM thu ngân sách đạt 85% dự toán năm.",
        tags=("thu-ngan-sach",),
        body=[{"type": "paragraph", "value": "<p>Số thu tăng so với cùng kỳ.</p>"}],
    )
    decree = legal_document("85/2019/NĐ-CP")
    item = procedure("1.008316", legal_bases=[decree])
    note = LocalNote.objects.create(
        department=hcm, procedure=item, office="Chi cục Hải quan Cát Lái", hotline="1900 9299"
    )
    return {"article": article, "note": note}


RESOURCE_CASES = [
    ("news", "/api/news/", {"fields": "*"}),
    ("news_item", "/api/news/{article}/", {}),
    ("procedures", "/api/procedures/", {}),
    ("procedure", "/api/procedures/1.008316/", {}),
    ("legal_documents", "/api/legal-documents/", {"locale": "en"}),
    ("legal_document", "/api/legal-documents/85-2019-nd-cp/", {}),
    ("local_notes", "/api/local-notes/", {}),
    ("local_note", "/api/local-notes/{note}/", {}),
    ("changes_library", "/api/changes/", {"since": "", "limit": 100}),
]


@pytest.mark.parametrize(
    ("name", "path", "params"), RESOURCE_CASES, ids=[c[0] for c in RESOURCE_CASES]
)
def test_project_resources_match_the_document_and_the_golden_json(
    client, sites, content, name, path, params
):
    path = path.format(article=content["article"].pk, note=content["note"].pk)
    response = client.get(path, params, HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 200, response.content
    validate(path, 200, response.json())
    golden(name, response.json())


def test_write_answers_match_the_document(client, sites):
    from cms.api.models import ApiToken

    token = ApiToken(department=sites["HCM"]["department"], name="Hợp đồng", scope="draft").issue()
    host = sites["HCM"]["host"]
    created = client.post(
        "/api/news/",
        json.dumps({"title": "Tin thử nghiệm"}),
        content_type="application/json",
        HTTP_HOST=host,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert created.status_code == 201
    validate("/api/news/", 201, created.json(), method="post")
    refused = client.post("/api/news/", "{}", content_type="application/json", HTTP_HOST=host)
    assert refused.status_code == 401
    validate("/api/news/", 401, refused.json(), method="post")
