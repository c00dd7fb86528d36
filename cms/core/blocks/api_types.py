"""What the blocks' own `get_api_representation` return, typed once: the API's document derives
each block's schema from these annotations (`cms.api.streams`), so the two cannot drift.

Closed (`extra="forbid"`): a key a representation adds without declaring it here fails the
API's response validation (settings.API_VALIDATE_RESPONSES) in the tests.
"""

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict

CLOSED = ConfigDict(extra="forbid")


@with_config(CLOSED)
class ApiRendition(TypedDict):
    url: str
    width: int
    height: int


@with_config(CLOSED)
class ApiImageRenditions(TypedDict):
    small: ApiRendition
    large: ApiRendition


@with_config(CLOSED)
class ApiImage(TypedDict):
    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: ApiImageRenditions


@with_config(CLOSED)
class ImageValue(TypedDict):
    image: ApiImage | None
    caption: str


@with_config(CLOSED)
class EmbedValue(TypedDict):
    url: str
    title: str


@with_config(CLOSED)
class DocumentLinkValue(TypedDict):
    id: int
    title: str
    url: str
    file_extension: str


@with_config(CLOSED)
class DocumentLinksValue(TypedDict):
    heading: str
    documents: list[DocumentLinkValue]


@with_config(CLOSED)
class HighlightValue(TypedDict):
    title: str
    text: str
    image: ApiImage | None
    page: int | None
    url: str | None


@with_config(CLOSED)
class AccordionItemValue(TypedDict):
    heading: str
    body: str


@with_config(CLOSED)
class CallToActionValue(TypedDict):
    title: str
    text: str
    url: str
    page: int | None
    button_text: str
