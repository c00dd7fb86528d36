"""`/api/images/…`: the department's images (Wagtail's v2 viewset, declared in `pages.py`'s
manner below) and `/api/images/<id>/rendition/`, one rendition from a fixed allow-list."""

from __future__ import annotations

from typing import Any, Literal, get_args

from PIL import features

from cms.core.renditions import get_rendition

from .http import ID, RENDITION_STATUSES, Endpoint, Field, NotFound, Query, Schema
from .scope import Scope

# A fixed allow-list: nobody can make the server render arbitrary sizes.
RENDITION_SIZES = {
    "thumbnail": "fill-320x200",
    "square": "fill-200x200",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}
RenditionSize = Literal["thumbnail", "square", "medium", "large"]
assert set(get_args(RenditionSize)) == set(RENDITION_SIZES)
#: AVIF where this server's Pillow can write it (the document's enum follows).
RENDITION_FORMATS: tuple[str, ...] = ("jpeg", "png", "webp") + (
    ("avif",) if features.check("avif") else ()
)
RenditionFormat = Literal[RENDITION_FORMATS]  # type: ignore[valid-type]


class Rendition(Schema):
    """One rendition of an image, made once and served from the media storage."""

    size: RenditionSize
    format: RenditionFormat
    url: str = Field(description="Absolute URL of the rendition file.")
    width: int
    height: int


def rendition_spec(size: str, image_format: str) -> str:
    return f"{RENDITION_SIZES[size]}|format-{image_format}"


def rendition_data(scope: Scope, image: Any, size: str, image_format: str) -> dict:
    rendition = get_rendition(image, rendition_spec(size, image_format))
    return {
        "size": size,
        "format": image_format,
        "url": scope.absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


class RenditionQuery(Query):
    size: RenditionSize = Field("medium", description="A size from the allow-list.")
    format: RenditionFormat = Field("jpeg", description="The image format.")


image_rendition = Endpoint("/api/images/{id}/rendition/", name="rendition", path_params={"id": ID})


@image_rendition.get(
    summary="One rendition from the allow-list",
    description=(
        "Makes (once) and returns one rendition of an image of this site in an allow-listed "
        "size and format. While another request is making the same rendition the answer is "
        "503 with `Retry-After`."
    ),
    tag="images",
    query=RenditionQuery,
    response=Rendition,
    errors=RENDITION_STATUSES,
)
def rendition(scope: Scope, query: RenditionQuery, id: int) -> dict:
    image = scope.images().filter(pk=id).first()
    if image is None:
        raise NotFound("not found")
    return rendition_data(scope, image, query.size, query.format)
