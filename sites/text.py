"""Vietnamese text folding, shared by slugs and search.

Unicode decomposition strips most Vietnamese diacritics, but "đ" and "Đ" are
letters of their own, not a "d" with a combining mark, so they are mapped by hand.
"""

import re
import unicodedata

from django.utils.text import slugify

_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str) -> str:
    """Return `text` without diacritics: "Đà Nẵng" -> "Da Nang"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def ascii_slugify(text: str, max_length: int = 255) -> str:
    """Return an ASCII slug: "Thủ tục hải quan" -> "thu-tuc-hai-quan", "Đồng Nai" -> "dong-nai"."""
    slug = slugify(fold_diacritics(text))
    return re.sub(r"-+", "-", slug)[:max_length].strip("-")


_ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
NUMBERED_SLUG = re.compile(r"^(?P<base>.+)-\d+$")


def fold_slug(value: str, max_length: int = 255) -> str:
    """Any slug given, as an ASCII slug with its letters kept: "Cảng-Cát-Lái" -> "cang-cat-lai".

    A slug that is already ASCII is left exactly as it is (its URL does not change).
    """
    value = (value or "").strip()
    if _ASCII_SLUG.match(value):
        return value[:max_length]
    return ascii_slugify(value, max_length=max_length)


def folding_classes() -> list[tuple[str, str]]:
    """The character classes `fold_diacritics` folds to one ASCII letter, with that letter:
    `[("[àáâãäåāăąạảấầẩẫậắằẳẵặ…]", "a"), …, ("[đ]", "d"), …]`, the combining marks first
    (decomposed input: "a" + U+0309) as `("[\u0300-\u036f]", "")`.

    The admin's slug field folds with these as you type, so browser and server agree.
    """
    letters: dict[str, list[str]] = {}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold_diacritics(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            letters.setdefault(folded, []).append(char)
    classes = [("[\u0300-\u036f]", "")]
    classes += [(f"[{''.join(chars)}]", letter) for letter, chars in sorted(letters.items())]
    return classes


def _lossy_choices(char: str, letters_kept: bool = False) -> set[str]:
    """What a slugifier that loses letters may have made of one character of a title
    (`letters_kept`: one that keeps them)."""
    if char.isascii():
        if char.isalnum() or char == "_":
            return {char.lower()}
        if char.isspace() or char == "-":
            return {"", "-"}
        return {""}
    folded = fold_diacritics(char).lower()
    if letters_kept and char.isalpha():
        return {folded}
    choices = {""}
    if folded.isascii() and folded.isalnum():
        choices.add(folded)
    if folded == "d":
        choices.add("dj")  # Wagtail's browser downcoding table maps "đ" the Serbian way
    if not char.isalnum():
        choices.add("-")
    return choices


def _spelled_by(title: str, slug: str, letters_kept: bool = False) -> bool:
    """Whether `slug` is one of the slugs that keep or drop each non-ASCII letter of `title`
    (`letters_kept`: that keep every letter)."""
    reachable = {0}
    for char in title:
        choices = _lossy_choices(char, letters_kept)
        reachable = {
            position + len(choice)
            for position in reachable
            for choice in choices
            if slug.startswith(choice, position)
        }
        if not reachable:
            return False
    return len(slug) in reachable


def is_lossy_slug(title: str, slug: str) -> bool:
    """Whether `slug` is `title` slugified with letters lost ("Cảng Cát Lái" -> "cng-cat-lai",
    "Đồng Nai" -> "djng-nai"), possibly numbered for uniqueness ("cng-cat-lai-2").

    A slug an editor chose ("thu-tuc" for "Thủ tục hành chính") is not lossy, nor is the
    ASCII fold itself.
    """
    wanted = ascii_slugify(title)
    candidates = [slug]
    numbered = NUMBERED_SLUG.match(slug)
    if numbered:
        candidates.append(numbered["base"])
    if wanted in candidates or title.isascii():
        return False
    return any(
        _spelled_by(title, candidate) and not _spelled_by(title, candidate, letters_kept=True)
        for candidate in candidates
    )
