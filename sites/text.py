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
