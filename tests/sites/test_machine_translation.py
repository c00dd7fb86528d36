"""Machine translation with the customs glossary (sites.machine_translation), off by default.

The engine is a stand-in class (no translation service is reachable here): it upper-cases
what it may translate and leaves `translate="no"` spans alone, as DeepL, Google and
LibreTranslate do with HTML, and keeps what it was sent.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

import pytest

from sites.machine_translation import (
    GlossaryError,
    GlossaryTranslator,
    load_glossary,
    machine_translator_setting,
)

KEPT = re.compile(r'(<span translate="no">.*?</span>|<[^>]+>)')


class UpperCaseTranslator(BaseMachineTranslator):
    """A stand-in engine: upper-cases text outside tags and `translate="no"` spans."""

    display_name = "Upper case"
    sent: list[str] = []

    def translate(self, source_locale, target_locale, strings):
        result = {}
        for string in strings:
            type(self).sent.append(string.data)
            parts = KEPT.split(string.data)
            result[string] = StringValue(
                "".join(part if KEPT.fullmatch(part) else part.upper() for part in parts)
            )
        return result

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code


class FakeLocale:
    def __init__(self, language_code: str):
        self.language_code = language_code


VI, EN = FakeLocale("vi"), FakeLocale("en")


def translator(glossary: Path | str = settings.MACHINE_TRANSLATION_GLOSSARY) -> GlossaryTranslator:
    UpperCaseTranslator.sent = []
    return GlossaryTranslator(
        {
            "TRANSLATOR": {"CLASS": f"{__name__}.UpperCaseTranslator"},
            "GLOSSARY": str(glossary),
        }
    )


def translate(machine: GlossaryTranslator, text: str, source=VI, target=EN) -> str:
    string = StringValue(text)
    return machine.translate(source, target, [string])[string].data


def test_glossary_terms_are_fixed_and_never_reach_the_engine():
    machine = translator()
    result = translate(machine, "Thủ tục thông quan và tờ khai hải quan")
    assert result == "THỦ TỤC customs clearance VÀ customs declaration"
    assert "thông quan" not in UpperCaseTranslator.sent[0]
    assert "tờ khai hải quan" not in UpperCaseTranslator.sent[0]


def test_a_capitalised_term_gets_a_capitalised_translation_and_tags_are_kept():
    machine = translator()
    result = translate(machine, 'Thông quan tại <a id="a1">Cục Hải quan</a> tỉnh')
    assert result == 'Customs clearance TẠI <a id="a1">Customs Department</a> TỈNH'


def test_the_longest_term_wins_and_only_whole_words_match():
    machine = translator()
    assert translate(machine, "kiểm tra sau thông quan") == "post-clearance audit"
    assert translate(machine, "thông quanh") == "THÔNG QUANH"


def test_the_glossary_applies_both_ways():
    machine = translator()
    result = translate(machine, "Customs clearance of goods", source=EN, target=VI)
    assert result == "Thông quan OF GOODS"


def test_the_engine_alone_translates_a_pair_the_glossary_does_not_cover():
    machine = translator()
    assert translate(machine, "thông quan", source=VI, target=FakeLocale("fr")) == "THÔNG QUAN"


def test_the_shipped_glossary_holds_real_customs_terms():
    glossary = load_glossary(str(settings.MACHINE_TRANSLATION_GLOSSARY))
    pairs = dict(glossary.pairs)
    assert glossary.languages == ("vi", "en")
    assert len(pairs) >= 30
    assert pairs["thông quan"] == "customs clearance"
    assert pairs["tờ khai hải quan"] == "customs declaration"
    assert pairs["kho ngoại quan"] == "bonded warehouse"


def test_a_bad_glossary_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("vi,en\nthông quan,customs clearance\nluồng xanh\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.csv:3"):
        load_glossary(str(bad))
    with pytest.raises(GlossaryError, match="missing.csv"):
        load_glossary(str(tmp_path / "missing.csv"))


def test_machine_translation_is_off_by_default():
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert get_machine_translator() is None
    assert machine_translator_setting("") is None


def test_a_configured_engine_is_wrapped_with_the_glossary():
    setting = machine_translator_setting("deepl", api_key="khoa:fx", glossary="/srv/glossary.csv")
    assert setting == {
        "CLASS": "sites.machine_translation.GlossaryTranslator",
        "OPTIONS": {
            "TRANSLATOR": {
                "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
                "OPTIONS": {"AUTH_KEY": "khoa:fx"},
            },
            "GLOSSARY": "/srv/glossary.csv",
        },
    }
