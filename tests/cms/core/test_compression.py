"""Compressed HTML and JSON for anonymous readers; nothing compressed that may carry a secret
(BREACH): CSRF-bearing forms, signed-in people's pages, responses that set cookies."""

import gzip

from django.test import Client

import pytest

from cms.consultation.models import QAIndexPage
from sites.models import Department

pytestmark = pytest.mark.django_db

HOST = "hcm.localhost"
GZIP = {"HTTP_HOST": HOST, "HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_public_page_and_an_api_answer_are_gzipped_for_an_anonymous_reader(department):
    department("HCM")
    client = Client()
    page = client.get("/vi/", **GZIP)
    assert page.status_code == 200
    assert page["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page["Vary"]
    html = gzip.decompress(page.content).decode()
    assert "<html" in html and "Tìm kiếm" in html
    api = client.get("/api/department/", **GZIP)
    assert api["Content-Encoding"] == "gzip"
    assert gzip.decompress(api.content).startswith(b"{")


def test_without_accept_encoding_the_page_is_plain(department):
    department("HCM")
    page = Client().get("/vi/", HTTP_HOST=HOST)
    assert page.status_code == 200
    assert "Content-Encoding" not in page
    assert b"<html" in page.content


def test_the_question_form_with_its_csrf_token_is_not_compressed(department):
    hcm: Department = department("HCM")
    index = QAIndexPage.objects.descendant_of(hcm.site.root_page).live().first()
    client = Client()
    response = client.get(index.url + "gui-cau-hoi/", **GZIP)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "csrftoken" in response.cookies
    assert "Content-Encoding" not in response
    # The control: the same client's next public page (no token in it) is compressed.
    assert client.get("/vi/", **GZIP)["Content-Encoding"] == "gzip"


def test_a_signed_in_persons_pages_are_not_compressed(department, member):
    hcm = department("HCM")
    client = Client()
    client.force_login(member(hcm, "editor"))
    response = client.get("/vi/", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"<html" in response.content


def test_a_gzipped_api_answers_weak_etag_still_gives_304(department):
    department("HCM")
    client = Client()
    first = client.get("/api/department/", **GZIP)
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')
    again = client.get("/api/department/", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    assert again.status_code == 304
    other = client.get("/api/department/", HTTP_IF_NONE_MATCH='W/"other"', **GZIP)
    assert other.status_code == 200
