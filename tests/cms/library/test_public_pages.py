"""The shared library on every department's site: one edit at HQ, shown everywhere."""

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.models import Locale

import pytest

from cms.library.models import LegalDocument
from cms.library.translation import publish_translation
from sites.provisioning import shared_library_collection

from .factories import index_page, legal_document, procedure

HOSTS = {"HN": "hanoi.localhost", "HCM": "hcm.localhost", "HQ": "localhost"}


@pytest.fixture
def sites(department):
    return {code: department(code) for code in HOSTS}


def get(host: str, url: str):
    return Client(HTTP_HOST=host).get(url)


def test_published_edit_shows_on_every_site_in_both_languages_and_draft_on_none(sites):
    item = procedure(title="Thủ tục xuất khẩu hàng hóa")
    item.title = "Thủ tục xuất khẩu hàng hóa (sửa đổi)"
    item.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    publish_translation(item, english, {"title": "Export procedure (amended)"})

    draft = procedure(code="2.002166", title="Thủ tục bản nháp")
    draft.title = "Tiêu đề nháp chưa duyệt"
    draft.save_revision()  # a draft of a live procedure: only in its revisions

    for code, host in HOSTS.items():
        for language, title in (
            ("vi", "Thủ tục xuất khẩu hàng hóa (sửa đổi)"),
            ("en", "Export procedure (amended)"),
        ):
            index = index_page(sites[code], language)
            listing = get(host, index.url).content.decode()
            detail = get(host, f"{index.url}1-008316/")
            assert detail.status_code == 200, (code, language)
            assert title in detail.content.decode()
            assert title in listing
            assert "Tiêu đề nháp chưa duyệt" not in listing
            assert (
                "Tiêu đề nháp chưa duyệt" not in get(host, f"{index.url}2-002166/").content.decode()
            )


def test_unpublished_procedure_is_not_found_anywhere(sites):
    item = procedure(code="1.000001", title="Thủ tục đã gỡ xuống")
    item.unpublish()
    index = index_page(sites["HCM"])
    assert get("hcm.localhost", f"{index.url}1-000001/").status_code == 404
    assert "Thủ tục đã gỡ xuống" not in get("hcm.localhost", index.url).content.decode()


def test_list_filters_by_category_level_online_and_text(sites):
    procedure(code="1.000010", title="Khai hải quan điện tử", online_level=4)
    procedure(
        code="1.000020",
        title="Hoàn thuế nhập khẩu",
        category="refund",
        online_level=2,
        online="offline",
    )
    procedure(code="1.000030", title="Quá cảnh hàng hóa", category="transit", online_level=3)
    url = index_page(sites["HN"]).url

    def codes(query: str) -> set[str]:
        html = get("hanoi.localhost", f"{url}?{query}").content.decode()
        return {code for code in ("1.000010", "1.000020", "1.000030") if code in html}

    assert codes("") == {"1.000010", "1.000020", "1.000030"}
    assert codes("category=refund") == {"1.000020"}
    assert codes("level=3") == {"1.000030"}
    assert codes("online_only=on") == {"1.000010", "1.000030"}
    assert codes("q=Hoàn+thuế") == {"1.000020"}
    assert codes("q=hoan+THUE") == {"1.000020"}
    assert codes("q=qua+canh") == {"1.000030"}


def test_filtered_list_costs_a_fixed_number_of_queries(sites, django_assert_max_num_queries):
    """20 queries for 3 or 33 matching procedures: 3 are the library's (count, rows, breadcrumb
    parent); the rest are the site, department, settings and language switcher of base.html."""
    url = index_page(sites["HCM"]).url + "?category=declaration&level=4&online_only=on&q=th"
    client = Client(HTTP_HOST="hcm.localhost")
    counts = []
    for first, last in ((0, 3), (3, 33)):
        for number in range(first, last):
            procedure(code=f"9.{number:06d}", title=f"Thủ tục thử số {number}", en=False)
        client.get(url)  # warm the per-process caches (site root paths)
        with django_assert_max_num_queries(20) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert f"9.{last - 1:06d}" in response.content.decode() or last > 20
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_legal_documents_list_and_detail_link_procedures_and_amendments(sites):
    old = legal_document("08/2015/NĐ-CP", status=LegalDocument.Status.AMENDED)
    new = legal_document("59/2018/NĐ-CP", title="Nghị định sửa đổi Nghị định 08/2015/NĐ-CP")
    new.amends.set([old])
    new.save()
    procedure(legal_bases=[old])
    index = index_page(sites["HN"], "en")
    listing = get("hanoi.localhost", f"{index.url}van-ban/").content.decode()
    assert "08/2015/NĐ-CP" in listing and "59/2018/NĐ-CP" in listing
    detail = get("hanoi.localhost", f"{index.url}van-ban/08-2015-nd-cp/").content.decode()
    assert "Decree 08/2015/NĐ-CP" in detail
    assert "Amended by" in detail and "59-2018-nd-cp" in detail
    assert "/1-008316/" in detail
    assert 'aria-label="Breadcrumb"' in detail


def test_print_view_and_form_download_with_content_type_and_file_name(sites, settings, tmp_path):
    # Documents are served from disk, as in production; the test storage is in memory.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    form = get_document_model().objects.create(
        title="Mẫu số 01 – Tờ khai",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="mau-01-to-khai.pdf"),
        collection=shared_library_collection(),
    )
    item = procedure()
    item.forms.set([form])
    item.save_revision().publish()  # parental relations are saved with the revision
    index = index_page(sites["HCM"])
    detail = get("hcm.localhost", f"{index.url}1-008316/").content.decode()
    assert form.url in detail
    printed = get("hcm.localhost", f"{index.url}1-008316/in/")
    assert printed.status_code == 200
    assert 'class="print"' in printed.content.decode()
    download = get("hcm.localhost", form.url)
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="mau-01-to-khai.pdf"' in download["Content-Disposition"]
