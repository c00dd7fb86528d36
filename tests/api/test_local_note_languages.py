"""A department's local note translated into English: every surface shows each language its own
note, once (the change feed, the procedure in the API, `/api/local-notes/`, the public page)."""

from django.test import Client

from wagtail.models import Locale

import pytest

from cms.library.models import LocalNote
from tests.cms.library.factories import index_page, procedure

pytestmark = pytest.mark.django_db

VI_OFFICE = "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I"
EN_OFFICE = "Saigon Port Area I Customs Branch"


@pytest.fixture
def notes(department):
    hcm = department("HCM")
    declaration = procedure("1.008316")
    refund = procedure("2.000123", title="Thủ tục hoàn thuế nhập khẩu")
    vietnamese = LocalNote.objects.create(
        department=hcm, procedure=declaration, office=VI_OFFICE, hotline="1900 9299"
    )
    english = vietnamese.copy_for_translation(Locale.objects.get(language_code="en"))
    english.office = EN_OFFICE
    english.save()
    untranslated = LocalNote.objects.create(
        department=hcm, procedure=refund, office="Đội thủ tục hàng hóa xuất nhập khẩu"
    )
    return {
        "department": hcm,
        "host": hcm.site.hostname,
        "vi": vietnamese,
        "en": english,
        "untranslated": untranslated,
    }


def get(client, host, path, **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return response.json()


def note_items(client, host, since="", **params):
    data = get(client, host, "/api/changes/", since=since, limit=100, **params)
    assert not data["meta"]["has_more"]
    notes = [i for i in data["items"] if i["kind"] == "local_note"]
    return notes, data["meta"]["next"]


def test_change_feed_lists_each_languages_own_note(client, notes):
    vi, _cursor = note_items(client, notes["host"], locale="vi")
    assert sorted((i["id"], i["locale"], i["title"]) for i in vi) == sorted(
        [
            (notes["vi"].pk, "vi", VI_OFFICE),
            (notes["untranslated"].pk, "vi", notes["untranslated"].office),
        ]
    )
    en, _cursor = note_items(client, notes["host"], locale="en")
    # The translated note in English; the untranslated one in Vietnamese, as the page shows it.
    assert sorted((i["id"], i["locale"], i["title"]) for i in en) == sorted(
        [
            (notes["en"].pk, "en", EN_OFFICE),
            (notes["untranslated"].pk, "vi", notes["untranslated"].office),
        ]
    )


def test_change_feed_replaces_the_fallback_when_a_note_is_translated(client, notes):
    host = notes["host"]
    _items, cursor = note_items(client, host, locale="en")
    english = notes["untranslated"].copy_for_translation(Locale.objects.get(language_code="en"))
    english.office = "Import-export goods procedures team"
    english.save()
    data = get(client, host, "/api/changes/", since=cursor, locale="en")
    changes = {(i["action"], i["id"]) for i in data["items"] if i["kind"] == "local_note"}
    assert ("updated", english.pk) in changes
    assert ("deleted", notes["untranslated"].pk) in changes

    english_id = english.pk
    english.delete()  # back to the Vietnamese note
    data = get(client, host, "/api/changes/", since=data["meta"]["next"], locale="en")
    changes = {(i["action"], i["id"]) for i in data["items"] if i["kind"] == "local_note"}
    assert changes == {("deleted", english_id), ("updated", notes["untranslated"].pk)}


def test_procedure_detail_shows_the_note_once_in_its_language(client, notes):
    host = notes["host"]
    vi = get(client, host, "/api/procedures/1.008316/", locale="vi")
    assert [(n["id"], n["office"]) for n in vi["local_notes"]] == [(notes["vi"].pk, VI_OFFICE)]
    en = get(client, host, "/api/procedures/1.008316/", locale="en")
    assert [(n["id"], n["office"]) for n in en["local_notes"]] == [(notes["en"].pk, EN_OFFICE)]


def test_local_notes_listing_honours_the_locale(client, notes):
    host = notes["host"]
    vi = get(client, host, "/api/local-notes/", locale="vi")
    assert [i["office"] for i in vi["items"]] == [VI_OFFICE, notes["untranslated"].office]
    assert vi["meta"]["total_count"] == 2
    en = get(client, host, "/api/local-notes/", locale="en")
    assert [i["office"] for i in en["items"]] == [EN_OFFICE, notes["untranslated"].office]
    assert [i["locale"] for i in en["items"]] == ["en", "vi"]
    by_code = get(client, host, "/api/local-notes/", locale="en", procedure="1.008316")
    assert [i["id"] for i in by_code["items"]] == [notes["en"].pk]


@pytest.mark.parametrize(
    ("language", "shown", "hidden"), [("vi", VI_OFFICE, EN_OFFICE), ("en", EN_OFFICE, VI_OFFICE)]
)
def test_procedure_page_shows_the_note_once_in_the_pages_language(notes, language, shown, hidden):
    url = index_page(notes["department"], language).url + "1-008316/"
    html = Client(HTTP_HOST=notes["host"]).get(url).content.decode()
    assert html.count('class="local-note"') == 1
    assert shown in html and hidden not in html
