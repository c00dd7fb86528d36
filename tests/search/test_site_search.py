"""Site search: Vietnamese with or without diacritics, and one department never sees another's pages."""

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from cms.standard.models import StandardPage
from search.query import site_search
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanoi(department):
    hn = department("HN")
    home = hn.site.root_page
    pages = {
        "hanoi": add_page(home, StandardPage, title="Hải quan Hà Nội", slug="hq-ha-noi"),
        "hanoi_other": add_page(
            home, StandardPage, title="Hạ Nội thông quan", slug="ha-noi-thong-quan"
        ),
        "procedure": add_page(home, StandardPage, title="Thủ tục hải quan điện tử", slug="thu-tuc"),
        "road": add_page(home, StandardPage, title="Vận chuyển đường bộ", slug="duong-bo"),
        "danang": add_page(home, StandardPage, title="Đà Nẵng mở cửa khẩu", slug="da-nang"),
        "decree": add_page(
            home, StandardPage, title="Hướng dẫn Nghị định 85/2019/NĐ-CP", slug="nd-85"
        ),
        "decree_other": add_page(home, StandardPage, title="Nghị định 08/2015/NĐ-CP", slug="nd-08"),
    }
    return hn, pages


def titles(department, query, language="vi"):
    return [hit.title for hit in site_search(department, query, language).results]


@pytest.mark.parametrize("query", ["Hà Nội", "Ha Noi", "ha noi", "HÀ NỘI", "hà noi"])
def test_ha_noi_is_found_with_or_without_diacritics(hanoi, query):
    hn, _ = hanoi
    assert "Hải quan Hà Nội" in titles(hn, query)


def test_unaccented_procedure_query_finds_the_procedure(hanoi):
    hn, _ = hanoi
    assert titles(hn, "thu tuc hai quan")[0] == "Thủ tục hải quan điện tử"


@pytest.mark.parametrize("query", ["duong", "đường", "DUONG bo"])
def test_d_stroke_is_folded_both_ways(hanoi, query):
    hn, _ = hanoi
    assert titles(hn, query) == ["Vận chuyển đường bộ"]


def test_autocomplete_finds_da_nang_from_a_prefix(hanoi):
    hn, pages = hanoi
    from search.query import department_pages

    for prefix in ["Da N", "đà n", "Đà Nẵ"]:
        hits = list(department_pages(hn, "vi").autocomplete(prefix))
        assert [h.pk for h in hits] == [pages["danang"].pk], prefix


def test_query_with_diacritics_ranks_the_exact_match_first(hanoi):
    hn, _ = hanoi
    assert titles(hn, "Hạ Nội")[0] == "Hạ Nội thông quan"
    found = titles(hn, "Hà Nội")
    assert found.index("Hải quan Hà Nội") < found.index("Hạ Nội thông quan")


@pytest.mark.parametrize("query", ["85/2019/NĐ-CP", "85/2019/ND-CP", "85/2019/nđ-cp"])
def test_legal_document_number_is_found_exactly(hanoi, query):
    hn, _ = hanoi
    assert titles(hn, query) == ["Hướng dẫn Nghị định 85/2019/NĐ-CP"]


def test_another_departments_page_never_appears_whatever_the_query(hanoi, department):
    hn, _ = hanoi
    hcm = department("HCM")
    add_page(
        hcm.site.root_page,
        StandardPage,
        title="Hải quan Hà Nội tại TP. Hồ Chí Minh",
        slug="hcm-ha-noi",
    )
    for query in ["Hà Nội", "ha noi", "Hồ Chí Minh", "hai quan", "Hải quan"]:
        assert all("Hồ Chí Minh" not in title for title in titles(hn, query)), query
    assert "Hải quan Hà Nội tại TP. Hồ Chí Minh" in titles(hcm, "ha noi")


def test_drafts_and_private_pages_are_not_found(hanoi):
    hn, _ = hanoi
    home = hn.site.root_page
    draft = StandardPage(title="Bản nháp Hà Nội bí mật", slug="ban-nhap", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    private = add_page(home, StandardPage, title="Trang nội bộ Hà Nội bí mật", slug="noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert titles(hn, "bí mật") == []
    assert titles(hn, "bi mat") == []


def test_only_the_requested_language_is_searched(hanoi):
    hn, _ = hanoi
    en_home = hn.site.root_page.get_translation(Locale.objects.get(language_code="en"))
    add_page(en_home, StandardPage, title="Hanoi clearance in English", slug="hanoi-clearance")
    assert titles(hn, "clearance", "en") == ["Hanoi clearance in English"]
    assert titles(hn, "clearance", "vi") == []


@pytest.mark.parametrize("query", ["¡", "/-/", "\U00092213", "…"])
def test_a_query_of_only_symbols_finds_nothing_without_error(hanoi, query):
    hn, _ = hanoi
    assert titles(hn, query) == []


def test_no_query_reaches_another_departments_pages_or_headquarters_pages(hanoi, department):
    """Every word of the other sites' titles, their slugs and tokens: never their pages."""
    hn, _ = hanoi
    hq, hcm = department("HQ"), department("HCM")
    foreign = {
        add_page(hcm.site.root_page, StandardPage, title=title, slug=slug).pk
        for title, slug in (
            ("Hải quan Hà Nội tại TP. Hồ Chí Minh zzhcm", "hcm-ha-noi"),
            ("Thủ tục hải quan điện tử của Hồ Chí Minh", "hcm-thu-tuc"),
        )
    }
    foreign.add(
        add_page(hq.site.root_page, StandardPage, title="Tổng cục: Đà Nẵng zzhq", slug="tc").pk
    )
    words = {"zzhcm", "zzhq", "hcm-ha-noi", "tc", "Hồ Chí Minh", "Tổng cục", "*", "%", "_"}
    for page in StandardPage.objects.filter(pk__in=foreign):
        words.update(page.title.split())
        words.add(page.title)
    for query in sorted(words):
        for language in ("vi", "en"):
            hits = site_search(hn, query, language, limit=100).results
            found = {hit.pk for hit in hits if isinstance(hit, Page)}
            assert not found & foreign, (query, language)
    # HQ's own search finds HQ's page, and not the departments' pages either.
    assert [hit.title for hit in site_search(hq, "zzhq", "vi").results] == [
        "Tổng cục: Đà Nẵng zzhq"
    ]
    assert site_search(hq, "zzhcm", "vi").results == []


def test_the_index_entries_are_indexed_by_object_id_first():
    """Migration portal_search 0003: a page search joins entries by object id (bench/RESULTS.md)."""
    from django.db import connection

    from wagtail.search.models import IndexEntry

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, IndexEntry._meta.db_table)
    assert constraints["portal_search_entry_object_idx"]["columns"] == [
        "object_id",
        "content_type_id",
    ]
