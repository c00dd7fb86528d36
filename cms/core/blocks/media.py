"""Media blocks: an image with caption and alternative text, and an embedded video or map."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.core.blocks.api_types import (
    ApiImage,
    ApiImageRenditions,
    ApiRendition,
    EmbedValue,
    ImageValue,
)
from cms.core.renditions import get_renditions

#: Rendition sizes the API offers for block images (a fixed set: no arbitrary resizing).
API_RENDITIONS = {"small": "width-400", "large": "width-1200"}


def image_representation(image, alt: str = "") -> ApiImage | None:
    """An image as the API gives it: id, alt text, size and rendition URLs."""
    if image is None:
        return None
    renditions = get_renditions(image, API_RENDITIONS.values())

    def rendition(name: str) -> ApiRendition:
        made = renditions[API_RENDITIONS[name]]
        return ApiRendition(url=made.url, width=made.width, height=made.height)

    return ApiImage(
        id=image.pk,
        title=image.title,
        alt=alt or image.default_alt_text or "",
        width=image.width,
        height=image.height,
        renditions=ApiImageRenditions(small=rendition("small"), large=rendition("large")),
    )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty if decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        group = _("Media")
        description = _("An image with a caption")
        preview_value = {
            "alt_text": "Cán bộ hải quan kiểm tra hàng hóa",
            "caption": "Kiểm tra hàng hóa",
        }
        template = "blocks/image.html"

    def get_api_representation(self, value, context=None) -> ImageValue:
        return {
            "image": image_representation(value.get("image"), value.get("alt_text", "")),
            "caption": (value.get("caption") or ""),
        }


class EmbedBlock(blocks.StructBlock):
    """A video or map from an oEmbed provider; a plain link when the provider cannot be reached."""

    embed = WagtailEmbedBlock(label=_("Address (URL)"))
    title = blocks.CharBlock(
        label=_("Title"), help_text=_("Names the embedded content for screen readers.")
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        group = _("Media")
        description = _("A video or map from another website")
        preview_value = {
            "embed": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Hướng dẫn khai hải quan điện tử",
        }
        template = "blocks/embed.html"

    def get_api_representation(self, value, context=None) -> EmbedValue:
        embed = value.get("embed")
        return {"url": embed.url if embed else "", "title": (value.get("title") or "")}
