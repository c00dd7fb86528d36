"""``{% image %}`` for the themes: Wagtail's tag, with renditions made through
``cms.core.renditions`` (one at a time per image and spec, bounded per process).

Load it instead of ``wagtailimages_tags``. When the rendition is not ready in time, or the
original is over the pixel limit, the page still renders, with Wagtail's own "not found"
placeholder in place of the picture.
"""

from django import template

from wagtail.images.models import AbstractImage, AbstractRendition, SourceImageIOError
from wagtail.images.templatetags.wagtailimages_tags import ImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

from cms.core.renditions import RenditionBusy, RenditionRefused, get_rendition

register = template.Library()


def rendition_or_placeholder(image: AbstractImage, spec: str) -> AbstractRendition:
    try:
        return get_rendition(image, spec)
    except (RenditionBusy, RenditionRefused, SourceImageIOError):
        rendition = image.get_rendition_model()(image=image, width=0, height=0)
        rendition.file.name = "not-found"
        return rendition


class BoundedImageNode(ImageNode):
    def render(self, context: template.Context) -> str:
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = rendition_or_placeholder(image, self.get_filter().spec)
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag({key: value.resolve(context) for key, value in self.attrs.items()})


@register.tag
def image(parser: template.base.Parser, token: template.base.Token) -> BoundedImageNode:
    """Same syntax as Wagtail's ``{% image %}`` (its parser reads the arguments)."""
    node = wagtail_image_tag(parser, token)
    return BoundedImageNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )


@register.simple_tag
def width_srcset(*renditions: AbstractRendition | None) -> str:
    """`srcset` candidates "URL 400w, URL 800w" of renditions, narrowest first, one per width:
    renditions of a small original come out the same width, and HTML forbids a repeated width."""
    by_width: dict[int, str] = {}
    for rendition in renditions:
        if rendition is not None and getattr(rendition, "url", None):
            by_width.setdefault(rendition.width, rendition.url)
    return ", ".join(f"{url} {width}w" for width, url in sorted(by_width.items()))
