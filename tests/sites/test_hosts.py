"""Strict hosts (production): a host that is no department's never gets another site's content."""

import json

from django.test import Client, override_settings
from django.test.client import RequestFactory
from django.utils import translation

import pytest

from cms.api.http import bad_request
from sites.hosts import unknown_host_response

STRICT = {
    "PORTAL_STRICT_HOSTS": True,
    "ALLOWED_HOSTS": [
        ".localhost",
        "127.0.0.1",
        "10.1.2.3",
        "www.haiquan.gov.vn",
        "admin.internal",
    ],
}
UNKNOWN_HOSTS = ["evil.localhost", "127.0.0.1", "x.hcm.localhost", "10.1.2.3"]


@pytest.fixture
def sites(department):
    return department("HQ"), department("HCM")


def department_name(response) -> str:
    return response.json()["name"]


@pytest.mark.django_db
@override_settings(**STRICT)
@pytest.mark.parametrize("host", UNKNOWN_HOSTS)
def test_unknown_host_gets_400_page_not_the_default_site(sites, host):
    response = Client().get("/vi/", HTTP_HOST=host)

    assert response.status_code == 400
    body = response.content.decode()
    assert "Tổng cục Hải quan" not in body
    assert "Địa chỉ này không phải là trang nào của cổng thông tin." in body
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@override_settings(**STRICT)
@pytest.mark.parametrize("host", UNKNOWN_HOSTS)
def test_unknown_host_gets_400_problem_from_the_api(sites, host):
    response = Client().get("/api/department/", HTTP_HOST=host)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert "Tổng cục" not in json.dumps(problem, ensure_ascii=False)


@pytest.mark.django_db
@override_settings(**STRICT)
@pytest.mark.parametrize("host", UNKNOWN_HOSTS)
def test_unknown_host_gets_400_from_the_admin_login(sites, host):
    assert Client().get("/admin/login/", HTTP_HOST=host).status_code == 400


@pytest.mark.django_db
@override_settings(**STRICT)
def test_known_hosts_get_their_own_site(sites):
    client = Client()

    assert department_name(client.get("/api/department/", HTTP_HOST="hcm.localhost")) == (
        "Cục Hải quan TP. Hồ Chí Minh"
    )
    assert department_name(client.get("/api/department/", HTTP_HOST="localhost")) == (
        "Tổng cục Hải quan"
    )
    assert client.get("/vi/", HTTP_HOST="hcm.localhost").status_code == 200
    assert client.get("/vi/", HTTP_HOST="localhost:8000").status_code == 200
    assert client.get("/admin/login/", HTTP_HOST="hcm.localhost").status_code == 200


@pytest.mark.django_db
@override_settings(**STRICT, PORTAL_HOST_ALIASES=["www.haiquan.gov.vn"])
def test_an_alias_serves_the_default_site(sites):
    response = Client().get("/api/department/", HTTP_HOST="www.haiquan.gov.vn")

    assert response.status_code == 200
    assert department_name(response) == "Tổng cục Hải quan"


@pytest.mark.django_db
@override_settings(**STRICT, WAGTAILADMIN_BASE_URL="https://admin.internal")
def test_the_admin_host_serves_the_admin_only(sites):
    client = Client()

    assert client.get("/admin/login/", HTTP_HOST="admin.internal").status_code == 200
    assert client.get("/vi/", HTTP_HOST="admin.internal").status_code == 400
    assert client.get("/api/department/", HTTP_HOST="admin.internal").status_code == 400


@pytest.mark.django_db
@override_settings(**STRICT, PORTAL_CANONICAL_HOST="localhost")
def test_unknown_host_is_redirected_to_the_canonical_host(sites):
    client = Client()

    response = client.get("/vi/tin-tuc/?page=2", HTTP_HOST="evil.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://localhost/vi/tin-tuc/?page=2"
    assert client.post("/api/questions/", HTTP_HOST="evil.localhost").status_code == 400
    assert client.get("/vi/", HTTP_HOST="hcm.localhost").status_code == 200


@pytest.mark.django_db
@override_settings(**STRICT, PORTAL_CANONICAL_HOST="nowhere.localhost")
def test_an_unknown_canonical_host_is_refused_not_looped(sites):
    response = Client().get("/vi/", HTTP_HOST="nowhere.localhost")

    assert response.status_code == 400


@pytest.mark.django_db
def test_hosts_are_not_checked_unless_strict(sites):
    """Development and tests keep Wagtail's fallback (any `*.localhost` is HQ)."""
    response = Client().get("/api/department/", HTTP_HOST="evil.localhost")

    assert response.status_code == 200


@pytest.mark.django_db
@override_settings(**STRICT)
def test_the_host_check_adds_no_query(sites, django_assert_num_queries):
    hq, hcm = sites
    request = RequestFactory().get("/vi/", HTTP_HOST="hcm.localhost")

    with django_assert_num_queries(0):
        assert unknown_host_response(request, hcm.site, hcm) is None


@pytest.mark.django_db
def test_the_400_page_and_problem_read_no_database(django_assert_num_queries):
    factory = RequestFactory()
    with translation.override("vi"), django_assert_num_queries(0):
        page = bad_request(factory.get("/vi/"), None)
        api = bad_request(factory.get("/api/news/"), None)

    assert page.status_code == 400
    assert "<h1>" in page.content.decode()
    assert api.status_code == 400
    assert api["Content-Type"] == "application/problem+json"
