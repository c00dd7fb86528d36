"""The served OpenAPI document, checked as the tools a mobile developer uses would check it:
valid against the OpenAPI 3.1 meta-schema, every operation described (id, summary,
description, tags, security, its 4xx answers), servers named, and every URL the API serves
documented. The document is fetched once per module, over HTTP, as a client sees it.
"""

import re

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from tests.conftest import make_department

pytestmark = pytest.mark.django_db
HOST = "hcm.localhost"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
#: What the URLconf serves under /api/ that is not an endpoint of the API: the document
#: itself, its HTML viewer, and the catch-all that answers any other URL with a 404 problem.
NOT_ENDPOINTS = {"/api/openapi.json", "/api/docs/", "/api/{}"}


@pytest.fixture(scope="module")
def _module_document(django_db_setup, django_db_blocker):
    """One department (its site answers the Host) for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_department("HCM")
        response = Client().get("/api/openapi.json", HTTP_HOST=HOST)
        assert response.status_code == 200, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        yield response.json()
        transaction.set_rollback(True)


@pytest.fixture
def document(_module_document, db) -> dict:
    return _module_document


def operations(document: dict):
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1.")
    errors = [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in OpenAPIV31SpecValidator(document).iter_errors()
    ]
    assert not errors, "\n".join(errors[:30])


def test_servers_are_named(document):
    servers = document.get("servers")
    assert servers, "`servers` is empty: generated clients have no base URL"
    assert all(server.get("url") for server in servers), servers


def test_every_operation_has_an_id_a_summary_a_description_and_declared_tags(document):
    declared = {tag["name"] for tag in document.get("tags", [])}
    problems = [] if declared else ["the document declares no top-level `tags`"]
    ids: dict = {}
    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        for key in ("operationId", "summary", "description"):
            if not str(operation.get(key, "")).strip():
                problems.append(f"{where}: no {key}")
        ids.setdefault(operation.get("operationId"), []).append(where)
        tags = operation.get("tags", [])
        if not tags:
            problems.append(f"{where}: no tag")
        if set(tags) - declared:
            problems.append(f"{where}: tags {sorted(set(tags) - declared)} are not declared")
    problems += [
        f"operationId {op!r} is used by {where}" for op, where in ids.items() if len(where) > 1
    ]
    assert not problems, "\n".join(problems)


def test_every_operation_declares_its_security(document):
    """Public reads say `security: []` (no credentials), writes name the bearer scheme."""
    schemes = set(document.get("components", {}).get("securitySchemes", {}))
    problems = []
    for path, method, operation in operations(document):
        if "security" not in operation:
            problems.append(f"{method.upper()} {path}: no `security` declaration")
            continue
        for requirement in operation["security"]:
            if set(requirement) - schemes:
                problems.append(f"{method.upper()} {path}: unknown scheme {sorted(requirement)}")
    assert not problems, "\n".join(problems)


def test_every_operation_documents_its_4xx_answers_as_problems(document):
    """What every endpoint can answer: 400 (a bad or unknown parameter or field) and 404 (no
    such site or object); with credentials 401 and 403; with a body 413 and 415. Each is a
    problem body (RFC 9457)."""
    problems = []
    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        responses = operation.get("responses", {})
        needed = {"400", "404"}
        if any(operation.get("security") or []):
            needed |= {"401", "403"}
        if "requestBody" in operation:
            needed |= {"413", "415"}
        missing = sorted(needed - set(responses))
        if missing:
            problems.append(f"{where}: undocumented {', '.join(missing)}")
        for status, response in responses.items():
            if not status.startswith("4"):
                continue
            while "$ref" in response:
                response = lookup(document, response["$ref"])
            if "application/problem+json" not in response.get("content", {}):
                problems.append(f"{where}: {status} is not an application/problem+json body")
    assert not problems, "\n".join(problems)


def lookup(document: dict, ref: str):
    node = document
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def template(route: str) -> str:
    """A URL pattern as an OpenAPI path with its parameters as `{}`: `news/<id:pk>/` and
    `^procedures/(?P<code>[…])/$` both become `…/{}/`."""
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"<(?:\w+:)?\w+>", "{}", route)
    out, depth = "", 0
    for index, char in enumerate(route):
        if char == "(" and (index == 0 or route[index - 1] != "\\"):
            if depth == 0:
                out += "{}"
            depth += 1
        elif char == ")" and route[index - 1] != "\\":
            depth -= 1
        elif depth == 0:
            out += char.replace("\\", "")
    return "/api/" + out


def served_paths() -> set[str]:
    from cms.api import urls

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield template(prefix + str(pattern.pattern))

    return set(walk(urls.urlpatterns)) - NOT_ENDPOINTS


def test_the_url_patterns_are_read_as_paths():
    """The control for the test below: the walk finds what the README promises."""
    paths = served_paths()
    assert {"/api/pages/", "/api/pages/{}/", "/api/pages/find/", "/api/procedures/{}/"} <= paths
    assert {"/api/questions/", "/api/legal-documents/{}/", "/api/news/{}/draft/"} <= paths


def test_every_path_the_api_serves_is_in_the_document(document):
    documented = {re.sub(r"\{[^}]+\}", "{}", path) for path in document["paths"]}
    missing = sorted(served_paths() - documented)
    assert not missing, f"served under /api/ but not in the document: {missing}"
    unserved = sorted(documented - served_paths())
    assert not unserved, f"in the document but no URL pattern serves them: {unserved}"


def test_interactive_docs_load_only_local_assets(document):
    response = Client().get("/api/docs/", HTTP_HOST=HOST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"(src|href)=\"https?://", html)
