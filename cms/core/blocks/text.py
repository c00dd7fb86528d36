"""Text blocks: heading, paragraph (rich text) and quote."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.api.rich_text import APIRichText

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


def expanded_rich_text(source: str, context: dict | None = None) -> str:
    """Rich text for the API: display HTML (links resolved) unless `?rich_text_format=` asks otherwise."""
    request = context.get("request") if context else None
    requested = request.GET.get("rich_text_format") if request is not None else None
    rich_text_format = APIRichText.resolve_format(requested or APIRichText.FORMAT_HTML)
    return APIRichText.serialize(source, format=rich_text_format)


class HeadingBlock(blocks.CharBlock):
    """A section heading, rendered as `<h2>` so a page's outline never skips a level."""

    class Meta:
        icon = "title"
        label = _("Heading")
        group = _("Text")
        description = _("A section heading")
        preview_value = "Thủ tục hải quan điện tử"
        form_classname = "title"
        template = "blocks/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text limited to RICH_TEXT_FEATURES (a `Meta.features` would be ignored by Wagtail)."""

    def __init__(self, features: list[str] | None = None, **kwargs) -> None:
        super().__init__(features=features or RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        group = _("Text")
        description = _("Rich text")
        preview_value = "<p>Cục Hải quan cung cấp dịch vụ công trực tuyến mức độ 4.</p>"
        template = "blocks/paragraph.html"

    def get_api_representation(self, value, context=None) -> str:
        return expanded_rich_text(value.source if value else "", context)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        group = _("Text")
        description = _("A quotation with the name of who said it")
        preview_value = {
            "quote": "Hải quan Việt Nam chuyên nghiệp, minh bạch, hiệu quả.",
            "attribution": "Tổng cục Hải quan",
        }
        template = "blocks/quote.html"
