"""The shared library in every department's search: live items, their language, per-site URLs."""

from django.test import Client

from wagtail.models import Locale

import pytest

from cms.standard.models import StandardPage
from search.query import site_autocomplete, site_search
from tests.cms.library.factories import index_page, legal_document, procedure
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(department):
    hn, hcm = department("HN"), department("HCM")
    decree = legal_document("85/2019/NĐ-CP", title="Nghị định quy định thủ tục hành chính")
    other = legal_document("08/2015/NĐ-CP", title="Nghị định quy định chi tiết Luật Hải quan")
    item = procedure(
        "1.008316", title="Thủ tục hải quan đối với hàng hóa xuất khẩu", legal_bases=[decree]
    )
    return hn, hcm, {"decree": decree, "other": other, "procedure": item}


def labels(department, query, language="vi"):
    return [str(hit) for hit in site_search(department, query, language).results]


def test_library_items_are_found_on_every_departments_site(library):
    hn, hcm, items = library
    for department in (hn, hcm):
        assert labels(department, "thu tuc hai quan xuat khau") == [str(items["procedure"])]


@pytest.mark.parametrize("query", ["85/2019/NĐ-CP", "85/2019/ND-CP", "85/2019/nđ-cp"])
def test_legal_document_number_is_found_exactly_and_first(library, query):
    hn, _, items = library
    add_page(
        hn.site.root_page,
        StandardPage,
        title="Hỏi đáp về Nghị định 85/2019/NĐ-CP và Nghị định 08/2015/NĐ-CP",
        slug="hoi-dap-nghi-dinh-85",
    )
    found = labels(hn, query)
    assert found[0] == str(items["decree"])
    assert str(items["other"]) not in found


@pytest.mark.parametrize("query", ["1.008316", "1-008316"])
def test_procedure_code_is_found_exactly(library, query):
    hn, _, items = library
    procedure("1.008317", title="Thủ tục hải quan đối với hàng hóa nhập khẩu", en=False)
    assert labels(hn, query) == [str(items["procedure"])]


def test_each_site_links_a_library_hit_under_its_own_procedures_section(library):
    hn, hcm, items = library
    for department, host in ((hn, "hanoi.localhost"), (hcm, "hcm.localhost")):
        response = Client(HTTP_HOST=host).get("/vi/search/", {"q": "1.008316"})
        (result,) = response.context["results"]
        section = index_page(department).relative_url(department.site)
        assert result["url"] == section + "1-008316/"
        assert Client(HTTP_HOST=host).get(result["url"]).status_code == 200
        decree = Client(HTTP_HOST=host).get("/vi/search/", {"q": "85/2019/NĐ-CP"})
        assert decree.context["results"][0]["url"] == section + "van-ban/85-2019-nd-cp/"
    # Without a request (the API, feeds), each site's URL carries that site's host.
    assert items["procedure"].get_url_for_site(hn.site).startswith("http://hanoi.localhost/vi/")
    assert items["procedure"].get_url_for_site(hcm.site).startswith("http://hcm.localhost/vi/")


def test_english_search_finds_the_english_translation_only(library):
    hn, _, items = library
    english = items["procedure"].get_translation(Locale.objects.get(language_code="en"))
    assert labels(hn, "1.008316", "en") == [str(english)]
    assert labels(hn, "thu tuc hai quan xuat khau", "en") == []
    response = Client(HTTP_HOST="hanoi.localhost").get("/en/search/", {"q": "1.008316"})
    section = index_page(hn, "en").relative_url(hn.site)
    assert response.context["results"][0]["url"] == section + "1-008316/"


def test_unpublished_items_and_drafts_are_never_found(library):
    hn, _, items = library
    withdrawn = procedure("2.002166", title="Thủ tục tạm nhập tái xuất đã gỡ xuống", en=False)
    withdrawn.unpublish()
    assert labels(hn, "tam nhap tai xuat") == []
    live = items["procedure"]
    live.title = "Tiêu đề bản nháp bí mật"
    live.save_revision()  # a draft of a live item: only in its revisions
    assert labels(hn, "ban nhap bi mat") == []
    assert labels(hn, "1.008316") == [str(live.__class__.objects.get(pk=live.pk))]


def test_autocomplete_includes_the_library(library):
    hn, _, items = library
    add_page(hn.site.root_page, StandardPage, title="Đà Nẵng mở cửa khẩu", slug="da-nang")
    assert [str(hit) for hit in site_autocomplete(hn, "Da N", "vi")] == ["Đà Nẵng mở cửa khẩu"]
    assert str(items["procedure"]) in [str(hit) for hit in site_autocomplete(hn, "thu t", "vi")]


def test_a_page_of_results_holds_complete_items_in_a_constant_number_of_queries(
    library, django_assert_max_num_queries
):
    """Ranking reads titles and codes only; the hits returned are read again with every column."""
    hn, _, items = library
    for number in range(2, 12):
        procedure(f"1.0083{number:02d}", title=f"Thủ tục hải quan xuất khẩu số {number}")
    hits = site_search(hn, "thu tuc hai quan", "vi").results
    assert len(hits) == 11
    assert all(hit.get_deferred_fields() == set() for hit in hits)
    # The long text and stream fields are there without another query per hit.
    with django_assert_max_num_queries(0):
        assert all(hit.applicants is not None and hit.steps is not None for hit in hits)
    with django_assert_max_num_queries(12):
        site_search(hn, "thu tuc hai quan", "vi")
