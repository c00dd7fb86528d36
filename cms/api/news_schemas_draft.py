"""Draft: the news, writes and questions models, moved into their modules with the framework."""

import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StrictBool, StrictStr

from cms.consultation.models import Question
from cms.consultation.models.questions import (
    EMAIL_MAX,
    NAME_MAX,
    ORGANISATION_MAX,
    PHONE_MAX,
    QUESTION_MAX,
    QUESTION_MIN,
)
from cms.core.blocks import BodyBlock
from cms.library.models import Procedure
from cms.news.models import MOST_READ_DAYS, NewsCategory

from .draft_types import Language, OneOf, Schema
from .resources import RENDITION_FORMATS, RENDITION_SIZES
from .streams import stream_schema

# Something other than white space (what Python's str.strip() and Django's CharField strip).
NOT_BLANK = "[^\\s\\x1c-\\x1f]"
Category = Annotated[str, OneOf(NewsCategory.values)]
Size = Annotated[str, OneOf(RENDITION_SIZES)]
Format = Annotated[str, OneOf(RENDITION_FORMATS)]
ORDERS = ("latest", "most_read")


def _drop_defaults(schema: dict[str, Any]) -> None:
    """Fields a client may leave out of `fields=` are optional, never `null` by default."""
    for field in schema.get("properties", {}).values():
        field.pop("default", None)


class NewsListQuery(Schema):
    category: Category | None = Field(None, description="Category.")
    tag: str | None = Field(None, min_length=1, max_length=100, description="Tag slug.")
    date_from: datetime.date | None = Field(None, description="Earliest date (YYYY-MM-DD).")
    date_to: datetime.date | None = Field(None, description="Latest date (YYYY-MM-DD).")
    order: Annotated[str, OneOf(ORDERS)] = Field(
        "latest",
        description=f"`latest` or `most_read` (views of the last {MOST_READ_DAYS} days).",
    )
    thumbnail: Size = Field("thumbnail", description="Thumbnail size from the allow-list.")
    thumbnail_format: Format = Field("jpeg", description="Thumbnail format.")


class Thumbnail(Schema):
    url: str
    width: int
    height: int
    size: Size
    format: Format
    alt: str = Field(description="The image's default alt text.")


class LeadImage(Schema):
    id: int
    title: str
    detail_url: str
    rendition: Thumbnail = Field(description="In the `thumbnail` size and format.")


class NewsTranslation(Schema):
    locale: Language
    id: int
    detail_url: str


class NewsItem(Schema):
    """An article: `id` and the fields named in `fields`."""

    model_config = ConfigDict(json_schema_extra=_drop_defaults)

    id: int
    title: str = None  # type: ignore[assignment]
    slug: str = None  # type: ignore[assignment]
    date: datetime.date = None  # type: ignore[assignment]
    category: Category = None  # type: ignore[assignment]
    teaser: str = None  # type: ignore[assignment]
    thumbnail: Thumbnail | None = None
    tags: list[str] = Field(None, description="Tag slugs.")  # type: ignore[assignment]
    source: str = None  # type: ignore[assignment]
    is_national: bool = None  # type: ignore[assignment]
    locale: Language = None  # type: ignore[assignment]
    fallback: bool = Field(None, description="Served in the `fallback` language.")  # type: ignore[assignment]
    translations: list[NewsTranslation] = None  # type: ignore[assignment]
    detail_url: str = None  # type: ignore[assignment]
    html_url: str | None = None
    body: stream_schema(BodyBlock(), "NewsBody") = None  # type: ignore[valid-type]
    lead_image: LeadImage | None = None


# --- writes ---------------------------------------------------------------------------------------


class BodyBlockInput(Schema):
    type: Annotated[str, OneOf(("heading", "paragraph"))]
    value: StrictStr = Field(
        min_length=1,
        pattern=NOT_BLANK,
        description="Text for a heading. For a paragraph, HTML the admin editor can hold — p, "
        "br, b/strong, i/em, h3, h4, ol/ul/li, and links (http, https, mailto, tel, relative; "
        "or linktype page/document with an id) — stored in the editor's form; anything else "
        "(script, event handlers, javascript: links, other elements or attributes) is refused "
        "with 400 naming `body[i].value`.",
    )


class NewsUpdate(Schema):
    title: StrictStr | None = Field(None, min_length=1, max_length=255, pattern=NOT_BLANK)
    teaser: StrictStr | None = Field(None, max_length=1000)
    date: datetime.date | None = None
    category: Category | None = None
    tags: list[Annotated[StrictStr, Field(min_length=1, max_length=100)]] | None = None
    source: StrictStr | None = Field(None, max_length=255)
    body: list[BodyBlockInput] | None = None
    action: Annotated[str, OneOf(("draft", "submit", "publish"))] = Field(
        "draft",
        description="After saving the draft: submit to moderation or publish, if the token's "
        "scope allows (else 403).",
    )


class NewsCreate(NewsUpdate):
    title: StrictStr = Field(min_length=1, max_length=255, pattern=NOT_BLANK)
    locale: Language = Field("vi", description="The article's language.")


class DraftBlock(Schema):
    type: str
    value: str


class NewsDraft(Schema):
    """The article's latest revision (the draft an automation wrote) and where it stands."""

    id: int
    title: str
    slug: str
    date: datetime.date
    category: Category
    tags: list[str] = Field(description="Tag names.")
    teaser: str
    source: str
    body: list[DraftBlock]
    locale: Language
    live: bool
    has_unpublished_changes: bool
    in_moderation: bool
    detail_url: str
    draft_url: str


# --- questions ------------------------------------------------------------------------------------

Statuses = Annotated[str, OneOf(Question.Status.values)]


class NewQuestion(Schema):
    """Text is read without leading and trailing spaces."""

    name: StrictStr = Field(min_length=1, max_length=NAME_MAX, pattern=NOT_BLANK)
    organisation: StrictStr = Field("", max_length=ORGANISATION_MAX)
    tax_code: StrictStr = Field("", pattern="^(?:[0-9]{10}|[0-9]{13})?$")
    email: StrictStr = Field(max_length=EMAIL_MAX, json_schema_extra={"format": "email"})
    phone: StrictStr = Field(
        "", max_length=PHONE_MAX, pattern="^(?:\\+?[0-9][0-9 .\\-]{6,18}[0-9])?$"
    )
    topic: StrictStr = Field(
        json_schema_extra={"enum": list(Procedure.Category.values)},
        description="A library category (the code of a live procedure is also accepted).",
    )
    question: StrictStr = Field(
        min_length=QUESTION_MIN,
        max_length=QUESTION_MAX,
        pattern=f"{NOT_BLANK}[\\s\\S]{{{QUESTION_MIN - 2},}}{NOT_BLANK}",
    )
    language: Language | None = Field(None, description="Of the answer; default: the request's.")
    consent: StrictBool = Field(False, description="Consent to publish it anonymised.")
