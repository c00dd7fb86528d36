"""Public resources: scoped by Host, bilingual with fallback, one query-bounded request per list."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cms.standard.models import StandardPage
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def get(client, host, path, **params):
    return client.get(path, params, HTTP_HOST=host)


def test_listing_serves_the_hosts_public_pages_in_the_requested_language(client, sites):
    data = get(
        client,
        sites["HCM"]["host"],
        "/api/pages/",
        locale="en",
        type="standard.StandardPage",
        fields="teaser",
    ).json()
    rows = [(i["title"], i["teaser"], i["meta"]["locale"]) for i in data["items"]]
    assert ("Announcement HCM", "Latest news", "en") in rows
    assert {locale for _t, _teaser, locale in rows} == {"en"}
    assert not any(title.startswith(("Thông báo", "Hướng dẫn")) for title, _t, _l in rows)


def test_accept_language_chooses_the_language_when_no_locale_is_given(client, sites):
    response = client.get(
        "/api/pages/",
        {"type": "standard.StandardPage"},
        HTTP_HOST=sites["HCM"]["host"],
        HTTP_ACCEPT_LANGUAGE="en",
    )
    titles = [i["title"] for i in response.json()["items"]]
    assert "Announcement HCM" in titles
    assert "Thông báo HCM" not in titles


def test_fallback_serves_the_vietnamese_item_marked_when_no_translation_exists(client, sites):
    data = get(
        client,
        sites["HCM"]["host"],
        "/api/pages/",
        locale="en",
        fallback="vi",
        type="standard.StandardPage",
    ).json()
    marked = {i["title"]: i["meta"]["fallback"] for i in data["items"]}
    assert marked["Announcement HCM"] is False
    assert marked["Hướng dẫn HCM"] is True
    assert "Thông báo HCM" not in marked  # translated: the English item, not both


def test_detail_links_its_translations(client, sites):
    hcm = sites["HCM"]
    data = get(client, hcm["host"], f"/api/pages/{hcm['public'].pk}/").json()
    assert data["meta"]["locale"] == "vi"
    assert [(t["locale"], t["id"]) for t in data["meta"]["translations"]] == [
        ("en", hcm["public_en"].pk)
    ]


def test_detail_with_locale_returns_the_translation_or_404_without_fallback(client, sites):
    hcm = sites["HCM"]
    assert (
        get(client, hcm["host"], f"/api/pages/{hcm['public'].pk}/", locale="en").json()["id"]
        == hcm["public_en"].pk
    )
    assert (
        get(client, hcm["host"], f"/api/pages/{hcm['vi_only'].pk}/", locale="en").status_code == 404
    )
    marked = get(
        client, hcm["host"], f"/api/pages/{hcm['vi_only'].pk}/", locale="en", fallback="vi"
    ).json()
    assert marked["meta"]["fallback"] is True


@pytest.mark.parametrize("which", ["draft", "private"])
def test_drafts_and_private_pages_answer_404(client, sites, which):
    hcm = sites["HCM"]
    assert get(client, hcm["host"], f"/api/pages/{hcm[which].pk}/").status_code == 404
    titles = [
        i["title"] for i in get(client, hcm["host"], "/api/pages/", limit=100).json()["items"]
    ]
    assert hcm[which].title not in titles


def test_another_departments_page_answers_404_and_never_lists(client, sites):
    hn_page = sites["HN"]["public"]
    assert get(client, sites["HCM"]["host"], f"/api/pages/{hn_page.pk}/").status_code == 404
    body = get(client, sites["HCM"]["host"], "/api/pages/", limit=100).content.decode()
    assert "HN" not in body.replace("HCM", "")


def test_site_parameter_cannot_switch_department(client, sites):
    response = get(client, sites["HCM"]["host"], "/api/pages/", site=sites["HN"]["host"])
    assert response.status_code == 400
    assert response.json()["parameter"] == "site"


def test_unknown_host_has_no_api(client, sites):
    assert client.get("/api/pages/", HTTP_HOST="unknown.example").status_code in (400, 404)


def test_department_resource_names_languages_and_menu(client, sites):
    data = get(client, sites["HCM"]["host"], "/api/department/", locale="en").json()
    assert data["code"] == "HCM"
    assert data["name"] == "Ho Chi Minh City Customs Department"
    assert data["names"]["vi"] == "Cục Hải quan TP. Hồ Chí Minh"
    assert set(data["languages"]) == {"vi", "en"}
    assert all(item["locale"] == "en" for item in data["menu"])


def _list_queries(client, host, limit):
    with CaptureQueriesContext(connection) as ctx:
        response = get(
            client,
            host,
            "/api/pages/",
            type="standard.StandardPage",
            fields="_,title,teaser,first_published_at",
            limit=limit,
        )
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.json()["items"])


def test_list_screen_query_count_does_not_grow_with_page_size(client, sites):
    hcm = sites["HCM"]
    for number in range(30):
        add_page(
            hcm["department"].site.root_page,
            StandardPage,
            title=f"Tin số {number}",
            slug=f"tin-{number}",
            teaser="Tóm tắt",
        )
    _list_queries(client, hcm["host"], 1)  # warm the shared caches (the host's department)
    small, small_items = _list_queries(client, hcm["host"], 5)
    large, large_items = _list_queries(client, hcm["host"], 100)
    assert small_items == 5
    assert large_items > 30
    assert small == large
