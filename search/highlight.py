"""Highlighted snippets: words of a text that match the query, with or without diacritics."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sites.text import fold_diacritics

_WORD = re.compile(r"\w+")


def highlight(text: str, query: str, length: int = 240) -> SafeString:
    """Escape `text` (cut to `length`) and wrap words matching a query word in <mark>."""
    terms = {fold_diacritics(word).lower() for word in _WORD.findall(query)}
    if len(text) > length:
        text = text[:length].rsplit(" ", 1)[0] + "…"
    parts: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        parts.append(escape(text[position : match.start()]))
        word = match.group()
        marked = fold_diacritics(word).lower() in terms
        parts.append(f"<mark>{escape(word)}</mark>" if marked else escape(word))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))
