"""Input no view can read is a 4xx that says why, never a 500, and stores nothing."""

import json
import re

from django.test import override_settings

import pytest

from cms.api.contract import document
from cms.api.http import JSON_MAX_DEPTH
from cms.api.models import ApiToken
from cms.consultation.models import Question
from cms.news.models import NewsArticlePage
from tests.cms.consultation.conftest import QUESTION_TEXT

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
QUESTION = {
    "name": "Phạm Minh Châu",
    "email": "chau.pham@dongnai.vn",
    "topic": "origin",
    "question": QUESTION_TEXT,
}


def unreadable_bodies(valid: dict, text_field: str) -> dict[str, tuple[bytes, str, int, str]]:
    """name → (raw body, content type, expected status, expected `parameter`)."""
    as_json = json.dumps(valid, ensure_ascii=False)
    with_text = json.dumps(valid)[:-1] + f', "{text_field}": "%s"}}'
    return {
        "nested one level too deep": (
            json.dumps({**valid, "x": json.loads("[" * JSON_MAX_DEPTH + "]" * JSON_MAX_DEPTH)}),
            "application/json",
            400,
            "body",
        ),
        "nested past the parser's recursion": (
            ("[" * 5_000 + "]" * 5_000).encode(),
            "application/json",
            400,
            "body",
        ),
        "a lone surrogate": (
            (with_text % "\\ud800").encode(),
            "application/json",
            400,
            text_field,
        ),
        "a NUL character": (
            (with_text % "a\\u0000b").encode(),
            "application/json",
            400,
            text_field,
        ),
        "invalid UTF-8": (as_json.encode()[:-2] + b'\xff"}', "application/json", 400, "body"),
        "NaN": (json.dumps({**valid, "x": float("nan")}), "application/json", 400, "body"),
        "not JSON": (b"{", "application/json", 400, "body"),
        "an array": (b"[]", "application/json", 400, "body"),
        "text/plain": (as_json.encode(), "text/plain", 415, "Content-Type"),
        "a form": (b"name=x", "application/x-www-form-urlencoded", 415, "Content-Type"),
        "latin-1": (
            json.dumps(valid).encode(),
            "application/json; charset=latin-1",
            415,
            "Content-Type",
        ),
    }


def assert_problem(response, status: int, parameter: str | None = None) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["detail"]
    if parameter is not None:
        assert body["parameter"] == parameter, body


def test_nul_bytes_and_invalid_utf8_in_an_api_path_or_query_answer_a_400_problem(
    client, department
):
    host = department("HCM").site.hostname
    for url, parameter in [
        ("/api/news/?tag=a%00b", "tag"),
        ("/api/procedures/?q=%00", "q"),
        ("/api/legal-documents/?q=%00", "q"),
        ("/api/legal-documents/85%002019/", "path"),
        ("/api/news/?tag=%FF", "tag"),
        ("/api/search/?q=%ED%A0%80", "q"),
        ("/api/questions/?search=%00", "search"),
        ("/api/pages/%00/", "path"),
        ("/api/news/?%00=1", "query"),
    ]:
        assert_problem(client.get(url, HTTP_HOST=host), 400, parameter)
    assert client.get("/api/news/?tag=thong-quan", HTTP_HOST=host).status_code == 200


def test_nul_bytes_and_invalid_utf8_on_public_pages_answer_the_themed_400_page(client, department):
    host = department("HCM").site.hostname
    for url in [
        "/vi/search/?q=%00",
        "/feeds/news/v%00.xml",
        "/vi/tin-t%E1%BB/",
        "/en/search/?q=%C3",
    ]:
        response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("text/html")
        assert "page-error" in response.content.decode()
    assert client.get("/vi/search/?q=h%E1%BA%A3i+quan", HTTP_HOST=host).status_code == 200


@override_settings(CONSULTATION_RATE_LIMIT_PER_ADDRESS=100)
def test_question_bodies_no_view_can_read_are_refused_and_nothing_is_stored(client, department):
    host = department("HCM").site.hostname
    for name, (raw, content_type, status, parameter) in unreadable_bodies(QUESTION, "name").items():
        response = client.post("/api/questions/", raw, content_type=content_type, HTTP_HOST=host)
        assert response.status_code == status, (name, response.content)
        assert_problem(response, status, parameter)
    huge = json.dumps({**QUESTION, "organisation": "x" * 40_000})
    assert_problem(
        client.post("/api/questions/", huge, content_type="application/json", HTTP_HOST=host),
        413,
        "body",
    )
    assert Question.objects.count() == 0
    ok = client.post(
        "/api/questions/", json.dumps(QUESTION), content_type="application/json", HTTP_HOST=host
    )
    assert ok.status_code == 201, ok.content


def test_news_write_bodies_no_view_can_read_are_refused_and_nothing_is_stored(client, department):
    hcm = department("HCM")
    token = ApiToken(department=hcm, name="Tin tự động", scope="draft").issue()
    headers = {"HTTP_HOST": hcm.site.hostname, "HTTP_AUTHORIZATION": f"Bearer {token}"}
    before = NewsArticlePage.objects.count()
    for name, (raw, content_type, status, parameter) in unreadable_bodies(
        {"title": "Tin thử"}, "teaser"
    ).items():
        response = client.post("/api/news/", raw, content_type=content_type, **headers)
        assert response.status_code == status, (name, response.content)
        assert_problem(response, status, parameter)
    huge = json.dumps({"title": "Tin", "teaser": "x" * 600_000})
    assert_problem(
        client.post("/api/news/", huge, content_type="application/json", **headers), 413, "body"
    )
    assert NewsArticlePage.objects.count() == before
    created = client.post(
        "/api/news/", json.dumps({"title": "Tin thử"}), content_type="application/json", **headers
    )
    assert created.status_code == 201, created.content


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_api_path_answers_head_options_and_other_methods_as_its_allow_header_says(
    client, department
):
    host = department("HCM").site.hostname
    for path, operations in document()["paths"].items():
        url = concrete(path)
        documented = {method.upper() for method in operations}
        expected = documented | {"OPTIONS"} | ({"HEAD"} if "GET" in documented else set())
        options = client.options(url, HTTP_HOST=host)
        assert options.status_code == 200, url
        assert {m.strip() for m in options["Allow"].split(",")} == expected, url
        if "GET" in documented:
            assert client.head(url, HTTP_HOST=host).status_code != 405, url
        refused = client.put(url, "{}", content_type="application/json", HTTP_HOST=host)
        assert_problem(refused, 405)
        assert {m.strip() for m in refused["Allow"].split(",")} == expected, url
    for url in ["/api/openapi.json", "/api/docs/"]:
        assert client.head(url, HTTP_HOST=host).status_code == 200
        assert_problem(client.post(url, HTTP_HOST=host), 405)
