"""Endpoints are declared once (cms.api.http): parsing, validation and the document follow."""

import re

from django.core.cache import cache
from django.test import override_settings

import pytest

from cms.api.http import ResponseContractError, endpoint_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def department_operation(monkeypatch):
    """The declared GET of /api/department/, with its view replaceable by the test."""
    cache.clear()
    operation = endpoint_for("/api/department/").operations["GET"]
    original = operation.view

    def answer_with(**extra):
        def view(scope, query):
            return {**original(scope, query), **extra}

        monkeypatch.setattr(operation, "view", view)

    return answer_with


def test_a_field_returned_without_its_schema_fails_the_request(client, sites, department_operation):
    host = sites["HCM"]["host"]
    department_operation()  # control: the declared shape passes
    assert client.get("/api/department/", HTTP_HOST=host).status_code == 200
    cache.clear()
    department_operation(fax="028 3829 0000")
    with pytest.raises(ResponseContractError, match="fax"):
        client.get("/api/department/", HTTP_HOST=host)


def test_a_field_of_the_wrong_type_fails_the_request(client, sites, department_operation):
    department_operation(is_headquarters="no")
    with pytest.raises(ResponseContractError, match="is_headquarters"):
        client.get("/api/department/", HTTP_HOST=sites["HCM"]["host"])


@override_settings(API_VALIDATE_RESPONSES=False)
def test_production_does_not_pay_for_the_check(client, sites, department_operation):
    department_operation(fax="028 3829 0000")
    response = client.get("/api/department/", HTTP_HOST=sites["HCM"]["host"])
    assert response.json()["fax"] == "028 3829 0000"


@pytest.mark.parametrize(
    ("query", "parameter", "detail"),
    [
        ("nonsense=1&other=2", "nonsense, other", "unknown query parameter"),
        ("locale=fr", "locale", "must be one of: vi, en"),
        ("locale=", "locale", "must be one of: vi, en"),
    ],
)
def test_query_errors_name_the_parameter(client, sites, query, parameter, detail):
    response = client.get(f"/api/department/?{query}", HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["parameter"] == parameter
    assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    ("query", "parameter", "detail"),
    [
        ("q=", "q", "must not be empty"),
        ("q=" + "x" * 201, "q", "is longer than 200 characters"),
        ("q=a&limit=101", "limit", "cannot be higher than 100"),
        ("q=a&limit=%C2%B3", "limit", "must be a non-negative integer"),
        ("q=a&offset=1e3", "offset", "must be a non-negative integer"),
        ("q=a&offset=1234567890", "offset", "must be a non-negative integer"),
    ],
)
def test_search_query_constraints_are_enforced_as_declared(client, sites, query, parameter, detail):
    response = client.get(f"/api/search/?{query}", HTTP_HOST=sites["HCM"]["host"])
    assert response.status_code == 400, response.content
    assert (response.json()["parameter"], response.json()["detail"]) == (parameter, detail)


def menu_titles_of_the_site(client, host: str, url: str) -> list[str]:
    html = client.get(url, HTTP_HOST=host).content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0)) if nav else []


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_department_menu_is_the_sites_navigation(client, sites, locale):
    host = sites["HCM"]["host"]
    data = client.get("/api/department/", {"locale": locale}, HTTP_HOST=host).json()
    shown = menu_titles_of_the_site(client, host, data["home_page"]["html_url"])
    assert shown, "the site shows sections"
    assert [item["title"] for item in data["menu"]] == shown
    assert all(item["locale"] == locale for item in data["menu"])
    titles = {item["title"] for item in data["menu"]}
    assert not titles & {"Bản nháp HCM", "Nội bộ HCM"}  # drafts and private pages: neither
