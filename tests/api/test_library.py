"""The shared library in the API: every department reads it, with only its own local notes."""

from wagtail.models import Locale

import pytest

from cms.library.models import LegalDocument, LocalNote, Procedure
from cms.library.translation import publish
from tests.cms.library.factories import legal_document, procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(department):
    hcm, hn = department("HCM"), department("HN")
    decree = legal_document("85/2019/NĐ-CP")
    declaration = procedure("1.008316", legal_bases=[decree])
    refund = procedure(
        "2.000123",
        title="Thủ tục hoàn thuế nhập khẩu",
        en=False,
        category=Procedure.Category.REFUND,
        online_level=3,
        online=Procedure.Online.PARTIAL,
    )
    draft = Procedure(
        code="9.999999",
        title="Thủ tục chưa công bố",
        locale=Locale.get_default(),
        category=Procedure.Category.TRANSIT,
        online_level=1,
        agency="Cục Hải quan",
        live=False,
    )
    draft.save()
    hcm_note = LocalNote.objects.create(
        department=hcm,
        procedure=declaration,
        office="Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I",
        hotline="1900 9299",
    )
    hn_note = LocalNote.objects.create(
        department=hn, procedure=declaration, office="Chi cục Hải quan Bắc Hà Nội"
    )
    return {
        "host": hcm.site.hostname,
        "hn_host": hn.site.hostname,
        "decree": decree,
        "declaration": declaration,
        "refund": refund,
        "draft": draft,
        "hcm_note": hcm_note,
        "hn_note": hn_note,
    }


def get(client, host, path, **params):
    return client.get(path, params, HTTP_HOST=host)


def test_procedures_list_published_items_in_the_language_with_per_site_urls(client, library):
    data = get(client, library["host"], "/api/procedures/").json()
    assert [item["code"] for item in data["items"]] == ["1.008316", "2.000123"]
    first = data["items"][0]
    assert first["locale"] == "vi" and first["fallback"] is False
    assert first["translations"][0]["locale"] == "en"
    assert library["host"] in first["html_url"] and first["html_url"].endswith("/1-008316/")
    hn_url = get(client, library["hn_host"], "/api/procedures/").json()["items"][0]["html_url"]
    assert library["hn_host"] in hn_url


def test_procedures_filter_by_category_level_online_and_words(client, library):
    host = library["host"]

    def codes(**params):
        return [i["code"] for i in get(client, host, "/api/procedures/", **params).json()["items"]]

    assert codes(category="refund") == ["2.000123"]
    assert codes(level="4") == ["1.008316"]
    assert codes(online="partial") == ["2.000123"]
    assert codes(q="hoan thue") == ["2.000123"]
    for name, value in (("level", "7"), ("online", "yes"), ("category", "x"), ("colour", "x")):
        response = get(client, host, "/api/procedures/", **{name: value})
        assert response.status_code == 400
        assert response.json()["parameter"] == name


def test_english_procedures_fall_back_to_vietnamese_only_when_asked(client, library):
    host = library["host"]
    english = get(client, host, "/api/procedures/", locale="en").json()["items"]
    assert [(i["code"], i["fallback"]) for i in english] == [("1.008316", False)]
    mixed = get(client, host, "/api/procedures/", locale="en", fallback="vi").json()["items"]
    assert [(i["code"], i["locale"], i["fallback"]) for i in mixed] == [
        ("1.008316", "en", False),
        ("2.000123", "vi", True),
    ]


def test_procedure_detail_shows_only_this_departments_local_notes(client, library):
    detail = get(client, library["host"], "/api/procedures/1.008316/").json()
    assert [note["office"] for note in detail["local_notes"]] == [
        "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I"
    ]
    assert [basis["number"] for basis in detail["legal_bases"]] == ["85/2019/NĐ-CP"]
    hn = get(client, library["hn_host"], "/api/procedures/1.008316/").json()
    assert [note["office"] for note in hn["local_notes"]] == ["Chi cục Hải quan Bắc Hà Nội"]
    assert get(client, library["host"], "/api/procedures/9.999999/").status_code == 404


def test_legal_documents_by_number_or_url_form(client, library):
    host = library["host"]
    listing = get(client, host, "/api/legal-documents/", type="decree").json()
    assert [i["number"] for i in listing["items"]] == ["85/2019/NĐ-CP"]
    by_slug = get(client, host, "/api/legal-documents/85-2019-nd-cp/").json()
    by_number = get(client, host, "/api/legal-documents/85/2019/NĐ-CP/").json()
    assert by_slug["number"] == by_number["number"] == "85/2019/NĐ-CP"
    assert [p["code"] for p in by_slug["procedures"]] == ["1.008316"]
    english = get(client, host, "/api/legal-documents/85-2019-nd-cp/", locale="en").json()
    assert english["title"] == "Decree 85/2019/NĐ-CP"
    bad = get(client, host, "/api/legal-documents/", status="valid")
    assert bad.status_code == 400 and bad.json()["parameter"] == "status"


def test_local_notes_list_and_detail_are_the_departments_own(client, library):
    host = library["host"]
    items = get(client, host, "/api/local-notes/").json()["items"]
    assert [i["id"] for i in items] == [library["hcm_note"].pk]
    assert get(client, host, f"/api/local-notes/{library['hcm_note'].pk}/").status_code == 200
    assert get(client, host, f"/api/local-notes/{library['hn_note'].pk}/").status_code == 404


def test_search_uses_the_site_search_and_includes_the_library(client, library):
    from search.query import site_search

    host = library["host"]
    data = get(client, host, "/api/search/", q="hoàn thuế").json()
    expected = site_search(library["hcm_note"].department, "hoàn thuế", "vi")
    assert data["meta"]["total_count"] == expected.total >= 1
    procedure_hit = next(i for i in data["items"] if i["type"] == "library.Procedure")
    assert procedure_hit["title"] == "Thủ tục hoàn thuế nhập khẩu"
    assert host in procedure_hit["html_url"]
    assert procedure_hit["detail_url"].endswith("/api/procedures/2.000123/?locale=vi")


def test_library_changes_reach_every_departments_feed_with_tombstones(client, library):
    host = library["host"]
    cursor, synced = "", []
    while True:
        data = get(client, host, "/api/changes/", since=cursor, limit=3).json()
        cursor = data["meta"]["next"]
        synced += [(item["kind"], item["id"]) for item in data["items"]]
        if not data["meta"]["has_more"]:
            break
    assert ("procedure", library["refund"].pk) in synced
    assert ("legal_document", library["decree"].pk) in synced
    assert ("local_note", library["hcm_note"].pk) in synced
    assert ("local_note", library["hn_note"].pk) not in synced
    assert ("procedure", library["draft"].pk) not in synced
    assert len(synced) == len(set(synced))

    refund = library["refund"]
    refund.title = "Thủ tục hoàn thuế (sửa đổi)"
    publish(refund)
    library["hcm_note"].hotline = "1900 1234"
    library["hcm_note"].save()
    library["hn_note"].save()  # another department's note: not in this feed
    decree_id = library["decree"].pk
    LegalDocument.objects.get(pk=decree_id).unpublish()
    items = get(client, host, "/api/changes/", since=cursor).json()["items"]
    assert [(i["action"], i["kind"], i["id"]) for i in items] == [
        ("updated", "procedure", refund.pk),
        ("updated", "local_note", library["hcm_note"].pk),
        ("deleted", "legal_document", decree_id),
    ]
    assert items[0]["title"] == "Thủ tục hoàn thuế (sửa đổi)"
    for host_ in (library["hn_host"],):
        hn_items = get(client, host_, "/api/changes/", since=cursor).json()["items"]
        assert ("updated", "procedure", refund.pk) in [
            (i["action"], i["kind"], i["id"]) for i in hn_items
        ]
        assert library["hcm_note"].pk not in [
            i["id"] for i in hn_items if i["kind"] == "local_note"
        ]
