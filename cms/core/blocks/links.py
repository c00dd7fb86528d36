"""Link blocks for home pages: highlights and quick links to online public services."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms.core.blocks.api_types import HighlightValue
from cms.core.blocks.media import image_representation


class QuickLinkBlock(blocks.StructBlock):
    """A link to an online public service, usually on another government website."""

    title = blocks.CharBlock(label=_("Title"))
    url = blocks.URLBlock(label=_("Address (URL)"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "link-external"
        label = _("Quick link")
        group = _("Links")
        description = _("A link to an online public service")
        preview_value = {
            "title": "Dịch vụ công trực tuyến",
            "url": "https://dichvucong.customs.gov.vn/",
            "description": "Nộp hồ sơ thủ tục hải quan trực tuyến.",
        }
        template = "blocks/quick_link.html"


class HighlightBlock(blocks.StructBlock):
    """A highlighted page or figure on the home page, with an optional picture."""

    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = ImageChooserBlock(label=_("Image"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)

    class Meta:
        icon = "pick"
        label = _("Highlight")
        group = _("Links")
        description = _("A highlighted page or figure")
        preview_value = {
            "title": "98% thủ tục thực hiện trực tuyến",
            "text": "Doanh nghiệp nộp hồ sơ mọi lúc, mọi nơi.",
        }
        template = "blocks/highlight.html"

    def get_api_representation(self, value, context=None) -> HighlightValue:
        page = value.get("page")
        return {
            "title": (value.get("title") or ""),
            "text": (value.get("text") or ""),
            "image": image_representation(value.get("image"), ""),
            "page": page.pk if page else None,
            "url": page.url if page else None,
        }
