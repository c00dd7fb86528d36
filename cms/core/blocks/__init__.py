"""The shared StreamField block family, one module per family.

`BodyBlock` is the full family every prose page (standard, leaflet, news) uses.
Templates are `blocks/<name>.html`, resolved in the site's theme, then `default`.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from cms.core.blocks.documents import DocumentLinkBlock, DocumentLinksBlock
from cms.core.blocks.layout import (
    AccordionBlock,
    AccordionItemBlock,
    CallToActionBlock,
    TableBlock,
)
from cms.core.blocks.links import HighlightBlock, QuickLinkBlock
from cms.core.blocks.media import EmbedBlock, ImageBlock, image_representation
from cms.core.blocks.text import HeadingBlock, ParagraphBlock, QuoteBlock, expanded_rich_text

__all__ = [
    "AccordionBlock",
    "AccordionItemBlock",
    "BodyBlock",
    "CallToActionBlock",
    "DocumentLinkBlock",
    "DocumentLinksBlock",
    "EmbedBlock",
    "HeadingBlock",
    "HighlightBlock",
    "ImageBlock",
    "ParagraphBlock",
    "QuickLinkBlock",
    "QuoteBlock",
    "TableBlock",
    "expanded_rich_text",
    "image_representation",
]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    documents = DocumentLinksBlock()
    table = TableBlock()
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("Body")
