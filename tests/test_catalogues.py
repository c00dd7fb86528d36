"""The interface catalogues in locale/: complete in Vietnamese, and the shipped .mo files current."""

from pathlib import Path

from django.utils import translation

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_vietnamese_catalogue_translates_every_string():
    catalogue = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert untranslated == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_shipped_mo_matches_its_po(language):
    """`manage.py compile_catalogues` was run after the last .po change."""
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    shipped = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
    assert shipped == expected


def test_interface_speaks_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Administrative procedures") == "Thủ tục hành chính"
