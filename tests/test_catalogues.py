"""The interface catalogues in locale/: complete in Vietnamese, and the shipped .mo files current."""

import re
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


@pytest.mark.parametrize(
    "catalogue",
    ["vi/django", "en/django", "upstream/vi/django", "upstream/vi/djangojs"],
)
def test_shipped_mo_matches_its_po(catalogue):
    """`manage.py compile_catalogues` was run after the last .po change."""
    folder = LOCALE / catalogue.rsplit("/", 1)[0] / "LC_MESSAGES"
    name = catalogue.rsplit("/", 1)[1]
    po = polib.pofile(str(folder / f"{name}.po"))
    mo = polib.mofile(str(folder / f"{name}.mo"))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    shipped = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
    assert shipped == expected


def test_interface_speaks_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Administrative procedures") == "Thủ tục hành chính"


UPSTREAM = LOCALE / "upstream" / "vi" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[a-z_]*\}")


def upstream_sources() -> list[Path]:
    """The English catalogues of the apps whose interface the admin shows."""
    import taggit
    import wagtail
    import wagtail_localize

    roots = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
    files = [path for root in roots for path in root.glob("**/locale/en/LC_MESSAGES/*.po")]
    return [*files, Path(taggit.__file__).parent / "locale/en/LC_MESSAGES/django.po"]


def test_every_wagtail_and_localize_string_has_vietnamese():
    """Wagtail's, wagtail-localize's and taggit's strings: in their vi catalogue, or in ours."""
    loaded = translation.trans_real.translation("vi")._catalog
    missing = []
    for source in upstream_sources():
        domain = source.stem
        for entry in polib.pofile(str(source)):
            if entry.obsolete:
                continue
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if domain == "djangojs":
                continue  # checked below against the JavaScript catalogue
            if key not in loaded and (key, 0) not in loaded:
                missing.append(f"{source.parent.parent.parent.parent.name}: {entry.msgid}")
    assert missing == [], f"{len(missing)} strings without Vietnamese, e.g. {missing[:20]}"


def test_the_admin_javascript_catalogue_is_vietnamese():
    """The strings Wagtail's admin scripts show (djangojs), as Django's JavaScriptCatalog loads
    them: the packages' catalogues merged with LOCALE_PATHS."""
    sources = [path for path in upstream_sources() if path.stem == "djangojs"]
    localedirs = [str(path.parents[2]) for path in sources]
    catalog = translation.trans_real.DjangoTranslation(
        "vi", domain="djangojs", localedirs=localedirs
    )._catalog
    missing = [
        entry.msgid
        for source in sources
        for entry in polib.pofile(str(source))
        if not entry.obsolete and entry.msgid not in catalog and (entry.msgid, 0) not in catalog
    ]
    assert sources and missing == [], (
        f"{len(missing)} script strings without Vietnamese: {missing[:20]}"
    )


@pytest.mark.parametrize("name", ["django.po", "djangojs.po"])
def test_upstream_overrides_keep_every_placeholder(name):
    catalogue = polib.pofile(str(UPSTREAM / name))
    wrong = []
    for entry in catalogue.translated_entries():
        if not entry.msgid_plural:
            if sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(
                PLACEHOLDER.findall(entry.msgid)
            ):
                wrong.append((entry.msgid, entry.msgstr))
            continue
        # Vietnamese has one plural form: it may use the singular's or the plural's placeholders.
        allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        for text in entry.msgstr_plural.values():
            if not set(PLACEHOLDER.findall(text)) <= allowed:
                wrong.append((entry.msgid, text))
    assert wrong == []
    assert len(catalogue.translated_entries()) > 10


def test_generic_words_and_legal_document_words_are_told_apart():
    with translation.override("vi"):
        assert translation.gettext("Title") == "Tiêu đề"
        assert translation.gettext("Status") == "Trạng thái"
        assert translation.pgettext("legal document", "Title") == "Trích yếu"
        assert translation.pgettext("legal document", "Type") == "Loại văn bản"
