"""Languages on the public sites: /vi/ and /en/, redirect by Accept-Language, each department's name."""

from django.test import Client

import pytest


@pytest.fixture
def sites(department):
    return department("HQ"), department("HCM")


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("en-GB,en;q=0.9", "/en/"), ("vi-VN,vi;q=0.9", "/vi/"), ("", "/vi/"), ("fr-FR", "/vi/")],
)
def test_root_redirects_by_accept_language_defaulting_to_vietnamese(sites, accept_language, target):
    response = Client().get("/", HTTP_HOST="hcm.localhost", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("host", "path", "name", "lang"),
    [
        ("localhost", "/vi/", "Tổng cục Hải quan", "vi"),
        ("localhost", "/en/", "General Department of Vietnam Customs", "en"),
        ("hcm.localhost", "/vi/", "Cục Hải quan TP. Hồ Chí Minh", "vi"),
        ("hcm.localhost", "/en/", "Ho Chi Minh City Customs Department", "en"),
    ],
)
def test_each_site_shows_its_own_name_in_the_right_language(sites, host, path, name, lang):
    response = Client().get(path, HTTP_HOST=host)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in content
    assert f"<h1>{name}</h1>" in content


def test_sections_have_ascii_slugs_in_each_language(sites):
    client = Client()
    assert client.get("/vi/thu-tuc-hanh-chinh/", HTTP_HOST="hcm.localhost").status_code == 200
    english = client.get("/en/administrative-procedures/", HTTP_HOST="hcm.localhost")
    assert english.status_code == 200
    assert "Administrative procedures" in english.content.decode()


def test_language_switcher_links_the_translation(sites):
    content = Client().get("/vi/gioi-thieu/", HTTP_HOST="hcm.localhost").content.decode()
    assert 'href="/en/introduction/" hreflang="en"' in content


def test_switcher_on_a_library_item_lands_on_the_same_item_in_the_other_language(sites):
    from tests.cms.library.factories import index_page, procedure

    procedure(code="1.008316")
    index = index_page(sites[1])
    content = Client().get(f"{index.url}1-008316/", HTTP_HOST="hcm.localhost").content.decode()
    assert 'href="/en/administrative-procedures/1-008316/" hreflang="en"' in content


def test_page_settings_are_loaded_once_per_request(sites):
    """Name, colour, logo and footer all read one DepartmentSettings row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        Client().get("/vi/gioi-thieu/", HTTP_HOST="hcm.localhost")
    settings_queries = [q for q in queries.captured_queries if "departmentsettings" in q["sql"]]
    assert len(settings_queries) == 1
