"""Machine translation with the customs glossary: a wagtail-localize translator wrapping another.

`GlossaryTranslator` is what `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` names when a translator is
configured (`MACHINE_TRANSLATOR`, off by default; see the README). Before the strings go to the
configured engine (DeepL, LibreTranslate, Google…), every glossary term of the source language
is replaced by its fixed translation, marked `translate="no"` (DeepL's, Google's and
LibreTranslate's HTML modes leave such spans alone); the marks are removed from what comes back.
So "thông quan" always reads "customs clearance", whatever the engine would have said.

The glossary is a CSV file with a header row naming two language codes (`vi,en`) and one
term per row; it applies both ways, longest terms first, whole words only, ignoring case
(a term that starts with a capital gets a translation that starts with one).
"""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.module_loading import import_string

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

#: The built-in engines `MACHINE_TRANSLATOR` may name (or give a dotted path to a class).
ENGINES = {
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "google": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
    "dummy": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
TAG = re.compile(r"(<[^>]*>)")
PROTECTED = re.compile(r'<span translate="no">(.*?)</span>', re.DOTALL)


class GlossaryError(ValueError):
    """The glossary file cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Glossary:
    """Term pairs between two languages, applicable both ways."""

    languages: tuple[str, str]
    pairs: tuple[tuple[str, str], ...]

    def terms(self, source: str, target: str) -> list[tuple[str, str]]:
        """(source term, target term), longest source term first; [] for another pair."""
        source, target = _language(source), _language(target)
        if (source, target) == self.languages:
            pairs = list(self.pairs)
        elif (target, source) == self.languages:
            pairs = [(b, a) for a, b in self.pairs]
        else:
            return []
        return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)

    def apply(self, text: str, source: str, target: str, *, protect: bool = True) -> str:
        """`text` (an HTML fragment) with every source-language term replaced by its
        translation, in a `<span translate="no">` unless `protect=False`; tags are left alone."""
        terms = self.terms(source, target)
        if not terms:
            return text
        lookup = {term.casefold(): translation for term, translation in terms}
        pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(html.escape(term)) for term, _ in terms) + r")(?!\w)",
            re.IGNORECASE,
        )

        def replace(match: re.Match) -> str:
            found = match.group(0)
            translation = lookup[html.unescape(found).casefold()]
            if found[:1].isupper():
                translation = translation[:1].upper() + translation[1:]
            translation = html.escape(translation, quote=False)
            return f'<span translate="no">{translation}</span>' if protect else translation

        parts = TAG.split(text)
        return "".join(
            part if TAG.fullmatch(part) else pattern.sub(replace, part) for part in parts
        )


def _language(code: str) -> str:
    return code.split("-")[0].lower()


@cache
def load_glossary(path: str) -> Glossary:
    """The glossary in the CSV file at `path` (read once per process)."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
    except OSError as error:
        raise GlossaryError(f"{path}: {error.strerror}") from error
    if not rows or len(rows[0]) != 2:
        raise GlossaryError(f"{path}:1: the header names two language codes, such as vi,en")
    pairs = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise GlossaryError(f"{path}:{number}: expected two terms, found {row!r}")
        pairs.append((row[0].strip(), row[1].strip()))
    languages = (_language(rows[0][0].strip()), _language(rows[0][1].strip()))
    return Glossary(languages, tuple(pairs))


class GlossaryTranslator(BaseMachineTranslator):
    """Applies the glossary, then the configured translator (OPTIONS: TRANSLATOR, a
    wagtail-localize translator config {"CLASS", "OPTIONS"}, and GLOSSARY, a CSV path)."""

    def __init__(self, options: dict):
        super().__init__(options)
        config = options["TRANSLATOR"]
        self.translator: BaseMachineTranslator = import_string(config["CLASS"])(
            config.get("OPTIONS", {})
        )
        self.glossary = load_glossary(str(options["GLOSSARY"])) if options.get("GLOSSARY") else None

    @property
    def display_name(self) -> str:
        return str(self.translator.display_name)

    def can_translate(self, source_locale, target_locale) -> bool:
        return self.translator.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings) -> dict:
        strings = list(strings)
        if self.glossary is None:
            return self.translator.translate(source_locale, target_locale, strings)
        source, target = source_locale.language_code, target_locale.language_code
        protected = [StringValue(self.glossary.apply(s.data, source, target)) for s in strings]
        translated = self.translator.translate(source_locale, target_locale, protected)
        result = {}
        for original, sent in zip(strings, protected, strict=True):
            value = translated.get(sent)
            if value is None or value.data is None:
                continue
            result[original] = StringValue(PROTECTED.sub(r"\1", value.data))
        return result


def machine_translator_setting(
    engine: str, *, api_key: str = "", url: str = "", glossary: str | Path | None = None
) -> dict | None:
    """`WAGTAILLOCALIZE_MACHINE_TRANSLATOR` for the `MACHINE_TRANSLATOR*` environment variables:
    None (off) when `engine` is empty; an unknown engine name is taken as a class's dotted path."""
    if not engine:
        return None
    options = {
        "deepl": {"AUTH_KEY": api_key},
        "libretranslate": {"LIBRETRANSLATE_URL": url, "API_KEY": api_key},
        "google": {"PROJECT_ID": url, "CREDENTIALS_PATH": api_key},
    }.get(engine, {})
    return {
        "CLASS": "sites.machine_translation.GlossaryTranslator",
        "OPTIONS": {
            "TRANSLATOR": {"CLASS": ENGINES.get(engine, engine), "OPTIONS": options},
            "GLOSSARY": str(glossary) if glossary else "",
        },
    }
