"""Shared StreamField blocks."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        group = _("Text")
        description = _("A section heading")
        preview_value = "Thủ tục hải quan điện tử"
        form_classname = "title"


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        group = _("Text")
        description = _("Rich text")
        preview_value = "<p>Cục Hải quan cung cấp dịch vụ công trực tuyến mức độ 4.</p>"
        features = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
