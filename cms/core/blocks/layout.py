"""Layout blocks: table, accordion and call to action."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from cms.core.blocks.api_types import AccordionItemValue, CallToActionValue
from cms.core.blocks.text import RICH_TEXT_FEATURES, expanded_rich_text


class TableBlock(blocks.StructBlock):
    """A data table with typed columns (text or numbers) and a caption for screen readers."""

    caption = blocks.CharBlock(label=_("Caption"), required=False)
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("numeric", blocks.DecimalBlock(label=_("Number"))),
        ],
        label=_("Table"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        group = _("Layout")
        description = _("A table of text and figures")
        preview_value = {"caption": "Số thu ngân sách (tỷ đồng)"}
        template = "blocks/table.html"


ACCORDION_ITEM_PREVIEW = {
    "heading": "Thời gian làm việc?",
    "body": "<p>Từ thứ Hai đến thứ Sáu, 7 giờ 30 đến 17 giờ.</p>",
}


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    body = blocks.RichTextBlock(label=_("Content"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        label = _("Accordion item")
        group = _("Layout")
        description = _("A question or heading that opens its content")
        preview_value = ACCORDION_ITEM_PREVIEW

    def get_api_representation(self, value, context=None) -> AccordionItemValue:
        return {
            "heading": (value.get("heading") or ""),
            "body": expanded_rich_text(value["body"].source if value.get("body") else "", context),
        }


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        group = _("Layout")
        description = _("Questions or sections that open one by one")
        preview_value = {
            "heading": "Câu hỏi thường gặp",
            "items": [ACCORDION_ITEM_PREVIEW],
        }
        template = "blocks/accordion.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("External address"), required=False, help_text=_("Used when no page is chosen.")
    )
    button_text = blocks.CharBlock(label=_("Button text"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        group = _("Layout")
        description = _("A highlighted box leading to a page or an online service")
        preview_value = {
            "title": "Dịch vụ công trực tuyến",
            "text": "Nộp hồ sơ hải quan mọi lúc, mọi nơi.",
            "url": "https://dichvucong.customs.gov.vn/",
            "button_text": "Truy cập",
        }
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value

    def get_api_representation(self, value, context=None) -> CallToActionValue:
        page = value.get("page")
        return {
            "title": (value.get("title") or ""),
            "text": (value.get("text") or ""),
            "url": page.url if page else (value.get("url") or ""),
            "page": page.pk if page else None,
            "button_text": (value.get("button_text") or ""),
        }
