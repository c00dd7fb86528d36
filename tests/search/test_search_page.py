"""The themed search page on every department's site."""

import pytest

from cms.standard.models import StandardPage
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def test_search_page_finds_own_pages_without_diacritics_and_highlights_them(client, department):
    hn = department("HN")
    add_page(
        hn.site.root_page,
        StandardPage,
        title="Thủ tục hải quan điện tử",
        slug="thu-tuc",
        teaser="Khai báo hải quan",
    )
    response = client.get("/vi/search/", {"q": "hai quan"}, HTTP_HOST=hn.site.hostname)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thủ tục <mark>hải</mark> <mark>quan</mark> điện tử" in html
    assert "Khai báo <mark>hải</mark> <mark>quan</mark>" in html


def test_search_page_never_shows_another_departments_page(client, department):
    hn, hcm = department("HN"), department("HCM")
    add_page(hcm.site.root_page, StandardPage, title="Tin riêng của Hồ Chí Minh", slug="tin-rieng")
    html = client.get(
        "/vi/search/", {"q": "tin rieng"}, HTTP_HOST=hn.site.hostname
    ).content.decode()
    assert "Tin riêng" not in html
    html = client.get(
        "/vi/search/", {"q": "tin rieng"}, HTTP_HOST=hcm.site.hostname
    ).content.decode()
    assert "<mark>Tin</mark> <mark>riêng</mark> của Hồ Chí Minh" in html


def test_search_page_is_paginated(client, department):
    hn = department("HN")
    for number in range(12):
        add_page(
            hn.site.root_page,
            StandardPage,
            title=f"Thông báo số {number}",
            slug=f"thong-bao-{number}",
        )
    first = client.get("/vi/search/", {"q": "thong bao"}, HTTP_HOST=hn.site.hostname)
    second = client.get("/vi/search/", {"q": "thong bao", "page": 2}, HTTP_HOST=hn.site.hostname)
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert first.context["page_obj"].paginator.count == 12
