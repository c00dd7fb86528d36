"""Search that forgives: what a typed query may also mean, as backend-neutral query objects.

`build_query(text, language, tier)` turns what someone typed into a modelsearch query: an `And`
of one `Alternatives` per word (or per synonym phrase), each `Alternatives` listing the forms the
word may take in the index:

* the word itself (folded: no diacritics, lower case; NFC first, so "hoà"/"hòa" fold alike);
* the last word as a prefix ("ngoai qua" finds "ngoại quan", "contai" finds "container");
* a code typed without its punctuation split where the punctuation was ("1008316" also means
  the phrase "1 008316", which is how "1.008316" is indexed; "85 2019 ND CP" needs nothing);
* synonyms and acronyms from `search/synonyms/<language>.txt` (a data file editors extend:
  "XNK" also means the phrase "xuất nhập khẩu");
* on English pages, the word's stem as a prefix, in British and American spelling
  ("REFUNDS" → refund*, "authorized" → authoriz* or authoris*);
* tier `FUZZY` only: spellings one edit away (vowels and the word's own letters), for words of five
  to `FUZZY_MAX_LENGTH` letters, the first `FUZZY_MAX_WORDS` such words of the query.

The work is bounded whatever is typed: the first `MAX_WORDS` words count, each cut to
`MAX_WORD_LENGTH` letters, and codes are split only up to `CODE_MAX_LENGTH` characters, so a
pasted paragraph or a 200-letter word makes a small query (no backend recursion, no slow plan).

`site_search` runs tier `STRICT` first, `FUZZY` only when nothing was found, then `ANY_WORD`
(any one slot instead of all), so exact hits are never drowned by forgiving ones.

Each backend compiles `Alternatives` itself (SQLite FTS5 and PostgreSQL: an OR of lexemes, a
phrase for several words, `*`/`:*` for a prefix; Elasticsearch: a `bool` of `match`,
`match_phrase` and `match_phrase_prefix`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from modelsearch.query import And, Or, PlainText, SearchQuery

from sites.text import fold_diacritics

SYNONYMS_DIR = Path(__file__).with_name("synonyms")
STRICT, FUZZY, ANY_WORD = "strict", "fuzzy", "any_word"
FUZZY_MIN_LENGTH = 5
#: Bounds of the forgiving work per query (see the module docstring).
MAX_WORDS = 12
MAX_WORD_LENGTH = 40
FUZZY_MAX_LENGTH = 12
FUZZY_MAX_WORDS = 3
CODE_MAX_LENGTH = 16
_TOKEN = re.compile(r"[^\W_]+")
# Vietnamese tone marks on "oa", "oe", "uy": old style on the first vowel (hòa, thủy), new style
# on the second (hoà, thuỷ). Both are correct; the new style is the canonical form here.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE_TONE = re.compile(
    rf"(?:([oO])([{_TONES}])([aAeE])|([uU])([{_TONES}])([yY]))(?![^\W\d_])"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical_tones(text: str) -> str:
    """NFC text with tone marks placed in the new style: "hòa" → "hoà", "thủy" → "thuỷ"."""
    decomposed = unicodedata.normalize("NFD", text)

    def swap(match: re.Match) -> str:
        first, tone, second = (group for group in match.groups() if group)
        return first + second + tone

    return nfc(_OLD_STYLE_TONE.sub(swap, decomposed))


def tokens(text: str) -> list[str]:
    """Folded lower-case words, punctuation dropped: "C/O mẫu D" → ["c", "o", "mau", "d"]."""
    return _TOKEN.findall(fold_diacritics(nfc(text)).lower())


class Alternatives(PlainText):
    """One slot of a query: any of `forms` (`(words, prefix)`: a word or a phrase, prefix or not)."""

    def __init__(self, forms: list[tuple[str, bool]], fuzzy: list[str] | None = None) -> None:
        super().__init__(forms[0][0])
        self.forms = list(dict.fromkeys(forms))
        # Spellings one edit away from `query_string` (tier FUZZY): the database backends OR them
        # as words; Elasticsearch asks for `fuzziness: 1` on `query_string` instead.
        self.fuzzy = fuzzy or []

    def all_forms(self) -> list[tuple[str, bool]]:
        return self.forms + [(word, False) for word in self.fuzzy]

    def __repr__(self) -> str:
        return f"<Alternatives {self.forms!r}>"


# --- Synonyms ------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def synonyms(language: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each spelling (as folded words) → every spelling of its group, from `<language>.txt`."""
    path = SYNONYMS_DIR / f"{language}.txt"
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        group = tuple(dict.fromkeys(tuple(tokens(item)) for item in line.split(",")))
        group = tuple(words for words in group if words)
        for words in group:
            table[words] = tuple(dict.fromkeys(table.get(words, ()) + group))
    return table


# --- English stems -------------------------------------------------------------------------------

# British and American endings of a stem (replaced at the end of the stem only).
_SPELLINGS = [("isation", "ization"), ("is", "iz"), ("ys", "yz"), ("our", "or"), ("tr", "ter")]
_SPELLINGS += [(b, a) for a, b in _SPELLINGS]


def english_stems(word: str) -> set[str]:
    """Prefixes that match the word's inflections in British and American spelling.

    A light suffix-stripper, used as a *prefix*: "refunds" → refund, "authorized" → authoriz and
    authoris, "warehouses" → warehous, "procedures" → procedur, "duties" → dut.
    """
    if not word.isalpha() or len(word) < 4:
        return set()
    stem = word
    for suffix, keep in (("ies", 3), ("ied", 3), ("ing", 5), ("es", 4), ("ed", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            stem = word[: -len(suffix)]
            break
    if stem.endswith("e") and len(stem) > 4:
        stem = stem[:-1]  # "warehouse" → "warehous": matches warehouse, warehouses, warehousing
    stems = {stem}
    for old, new in _SPELLINGS:
        for candidate in list(stems):
            if candidate.endswith(old):
                stems.add(candidate[: -len(old)] + new)
    return {s for s in stems if len(s) >= 3}


# --- Codes and typos -----------------------------------------------------------------------------


def code_splits(word: str) -> list[str]:
    """A code typed without its punctuation, split at each place one could have been.

    "1008316" → "1 008316", "10 08316", … (how "1.008316" is indexed); only for words with digits.
    """
    if not 4 <= len(word) <= CODE_MAX_LENGTH or not any(char.isdigit() for char in word):
        return []
    return [f"{word[:i]} {word[i:]}" for i in range(1, len(word))]


# Substituted or inserted letters: vowels and the word's own letters (doubled or swapped keys),
# which keeps the list short enough for one index lookup per spelling (about 90 for six letters).
_VOWELS = "aeiouy"


def one_edit(word: str) -> set[str]:
    """Words one deletion, transposition, substitution or insertion away (folded letters)."""
    letters = "".join(sorted(set(_VOWELS + word)))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | transposes | replaces | inserts) - {word}


# --- The query ------------------------------------------------------------------------------------


@dataclass
class Slot:
    """A word or a synonym phrase of the typed query, with every form it may take."""

    words: tuple[str, ...]
    forms: list[tuple[str, bool]]
    fuzzy: list[str]


def query_words(text: str) -> list[str]:
    """The words of a query that count: the first `MAX_WORDS`, each cut to `MAX_WORD_LENGTH`."""
    return [word[:MAX_WORD_LENGTH] for word in tokens(text)[:MAX_WORDS]]


def fuzzy_candidate(word: str) -> bool:
    """A word whose spellings one edit away are tried (tier FUZZY): a word, not a code, of five
    to `FUZZY_MAX_LENGTH` letters (a longer one is no typo of anything the index holds)."""
    return FUZZY_MIN_LENGTH <= len(word) <= FUZZY_MAX_LENGTH and word.isalpha()


def slots(text: str, language: str, tier: str = STRICT) -> list[Slot]:
    words = query_words(text)
    fuzzy_left = FUZZY_MAX_WORDS
    table = synonyms(language)
    longest = max((len(key) for key in table), default=1)
    result: list[Slot] = []
    position = 0
    while position < len(words):
        for size in range(min(longest, len(words) - position), 0, -1):
            key = tuple(words[position : position + size])
            if size == 1 or key in table:
                break
        last = position + size == len(words)
        forms: list[tuple[str, bool]] = [(" ".join(key), last)]
        fuzzy: list[str] = []
        for spelling in table.get(key, ()):
            forms.append((" ".join(spelling), last and spelling == key))
        if size == 1:
            word = key[0]
            forms += [(split, False) for split in code_splits(word)]
            if language == "en":
                forms += [(stem, True) for stem in sorted(english_stems(word))]
            if tier == FUZZY and fuzzy_left and fuzzy_candidate(word):
                fuzzy = sorted(one_edit(word))
                fuzzy_left -= 1
        result.append(Slot(words=key, forms=forms, fuzzy=fuzzy))
        position += size
    return result


def build_query(text: str, language: str, tier: str = STRICT) -> SearchQuery | None:
    """The modelsearch query for `text` in `language` at `tier`, or None when it has no words."""
    parts = [Alternatives(slot.forms, slot.fuzzy) for slot in slots(text, language, tier)]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if tier == ANY_WORD else And(parts)


def has_fuzzy_words(text: str) -> bool:
    return any(fuzzy_candidate(word) for word in query_words(text))


def slot_matches(slot: Slot, words: set[str], language: str) -> bool:
    """Whether a title's words (folded) hold one of the slot's forms (spellings one edit away aside)."""
    for form, prefix in slot.forms:
        parts = form.split()
        *whole, tail = parts
        if not all(part in words for part in whole):
            continue
        if tail in words or (prefix and any(word.startswith(tail) for word in words)):
            return True
    return False
