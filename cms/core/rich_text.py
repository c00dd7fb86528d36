"""Rich text from outside the editor (API writes) passes the editor's own gate.

The admin stores rich text through Draftail: HTML → contentstate → HTML, with the
block's feature list deciding which elements exist. Text written any other way
goes through the same converter (`ContentstateConverter(features)`, the features
read from the block's editor widget), so it is stored exactly as the editor would
store it and always opens in the editor again.

Policy: refuse, never silently reduce. Whatever the converter would drop — an
element outside the feature list (`<script>`, `<img>`, `<div>`), an attribute it
does not read (`onerror`, `style`, `class`), a link to a scheme Wagtail does not
allow (`javascript:`), tags that do not nest, text that would be lost — is refused
with the reason. What it can represent is accepted and normalised to the stored
form (`<p data-block-key="…">`, `<br/>`, `<b>`, `<i>`). Comments are dropped.
"""

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.converters.html_ruleset import HTMLRuleset
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    BLOCK_KEY_NAME,
    HtmlToContentStateHandler,
)
from wagtail.blocks import RichTextBlock
from wagtail.whitelist import check_url

from draftjs_exporter.error import ExporterException

# Elements of the stored format that never have an end tag.
VOID_ELEMENTS = frozenset({"br", "hr", "embed"})
# Attributes the converter's element handlers read; any other attribute would be dropped.
READ_ATTRIBUTES = {
    "a": frozenset({"href", "linktype", "id"}),
    "embed": frozenset({"embedtype", "id", "format", "alt", "url"}),
}
ID_MAX = 2**31 - 1
WHITESPACE = re.compile(r"\s+")


class RichTextRefused(ValueError):
    """The HTML holds something the editor cannot represent; the message says what."""


@lru_cache(maxsize=8)
def converter_for(features: tuple[str, ...]) -> tuple[ContentstateConverter, HTMLRuleset]:
    """The editor's converter for these features, and the element rules it recognises."""
    return (
        ContentstateConverter(features=list(features)),
        HtmlToContentStateHandler(list(features)).element_handlers,
    )


def editor_features(block: RichTextBlock) -> tuple[str, ...]:
    """The features the block's admin editor offers (Wagtail's defaults when it names none)."""
    return tuple(block.field.widget.features)


class _Gate(HTMLParser):
    """Reads untrusted HTML once: refuses what the rules do not know, re-serialises the rest."""

    def __init__(self, rules: HTMLRuleset):
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.open: list[str] = []
        self.parts: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if self.rules.match(tag, attributes) is None:
            raise RichTextRefused(f"the <{tag}> element is not allowed")
        for name in attributes:
            if name != BLOCK_KEY_NAME and name not in READ_ATTRIBUTES.get(tag, ()):
                raise RichTextRefused(f"the {name} attribute of <{tag}> is not allowed")
        if "href" in attributes and not check_url(attributes["href"]):
            raise RichTextRefused("the link's URL scheme is not allowed")
        if "id" in attributes:
            raw = attributes["id"]
            if not (raw.isascii() and raw.isdigit() and 0 < int(raw) <= ID_MAX):
                raise RichTextRefused(f"the id of <{tag}> must be a positive integer")
        written = "".join(
            f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items()
        )
        if tag in VOID_ELEMENTS:
            self.parts.append(f"<{tag}{written}/>")
        else:
            self.open.append(tag)
            self.parts.append(f"<{tag}{written}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        if not self.open or self.open[-1] != tag:
            expected = f"</{self.open[-1]}>" if self.open else "no end tag"
            raise RichTextRefused(f"tags do not nest: expected {expected}, found </{tag}>")
        self.open.pop()
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        self.parts.append(html.escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        raise RichTextRefused("declarations are not allowed")

    def handle_pi(self, data: str) -> None:
        raise RichTextRefused("processing instructions are not allowed")

    def unknown_decl(self, data: str) -> None:
        raise RichTextRefused("declarations are not allowed")

    def read(self, source: str) -> str:
        self.feed(source)
        self.close()
        if self.open:
            raise RichTextRefused(f"the <{self.open[-1]}> element is not closed")
        return "".join(self.parts)


def clean_rich_text(source: str, features: tuple[str, ...]) -> str:
    """`source` in the editor's stored form, or RichTextRefused saying what it cannot hold."""
    converter, rules = converter_for(features)
    given = _Gate(rules)
    normalised = given.read(source)
    try:
        stored = converter.to_database_format(converter.from_database_format(normalised))
        # What the editor does when it opens the article: it must not fail either.
        converter.from_database_format(stored)
    except (AssertionError, ExporterException, IndexError, KeyError, TypeError, ValueError):
        raise RichTextRefused("the editor cannot represent this HTML structure") from None
    kept = _Gate(rules)
    kept.read(stored)
    if WHITESPACE.sub("", "".join(kept.text)) != WHITESPACE.sub("", "".join(given.text)):
        raise RichTextRefused("the editor cannot represent this HTML structure: text would be lost")
    return stored
