"""`/api/news/`: a department's news articles, one request per list screen.

The client picks the fields (`fields=title,date,thumbnail`), filters by category, tag
and date range, and orders by latest or most read (views over the last 30 days, from
`cms.news.PageViewDay`). The query count of a listing does not depend on its size:
thumbnails come from one prefetch of allow-listed renditions, tags and translations
from one query each. Writes (token-authenticated drafts) are declared in `cms.api.writes`.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, Required

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from pydantic import BeforeValidator, ConfigDict, WithJsonSchema, with_config
from typing_extensions import TypedDict

from cms.core.blocks import BodyBlock
from cms.core.renditions import get_rendition
from cms.news.models import MOST_READ_DAYS, NewsArticlePage, NewsCategory

from .fields import DateText, Localized, OneOf, Paged
from .http import (
    ID,
    RENDITION_STATUSES,
    Endpoint,
    Field,
    NotFound,
    Query,
    Schema,
)
from .images import RenditionFormat, RenditionSize, rendition_spec
from .scope import Language, Scope
from .streams import stream_schema

Category = Annotated[str, OneOf(NewsCategory.values)]
LISTING_FIELDS = (
    "title",
    "slug",
    "date",
    "category",
    "teaser",
    "thumbnail",
    "tags",
    "tag_names",
    "source",
    "is_national",
    "locale",
    "fallback",
    "translations",
    "detail_url",
    "html_url",
)
DETAIL_FIELDS = (*LISTING_FIELDS, "body", "lead_image")
DEFAULT_LISTING_FIELDS = (
    "title",
    "date",
    "teaser",
    "thumbnail",
    "locale",
    "fallback",
    "detail_url",
)


def anchored(pattern: str) -> str:
    """`pattern` as the OpenAPI document writes it; the server checks it with `re.fullmatch`."""
    return f"^(?:{pattern})$"


def name_list(names: Iterable[str]) -> str:
    """A pattern for a comma-separated list of these names (no spaces, none empty).

    Names are letters, digits, `_` and `-`, which need no escape in Python or ECMA-262.
    """
    names = sorted(names, key=len, reverse=True)
    if not all(re.fullmatch(r"[\w-]+", name) for name in names):
        raise ValueError(f"names must be identifiers: {names}")
    name = "(?:" + "|".join(names) + ")"
    return f"{name}(?:,{name})*"


def field_selection(available: tuple[str, ...], default: tuple[str, ...]) -> Any:
    """`fields=`: empty (`default`), `*` (all), or names separated by commas, each once;
    an unknown name is a 400 naming it."""
    pattern = f"(?:|\\*|{name_list(available)})"

    def select(raw: Any) -> Any:
        if not isinstance(raw, str):
            return raw
        if not raw:
            return default
        if not re.fullmatch(pattern, raw):
            unknown = [name for name in raw.split(",") if name not in available]
            raise ValueError(
                f"unknown field: {', '.join(unknown) or raw} (* or a comma-separated list of: "
                f"{', '.join(available)})"
            )
        return available if raw == "*" else tuple(dict.fromkeys(raw.split(",")))

    return Annotated[
        tuple[str, ...],
        BeforeValidator(select),
        WithJsonSchema({"type": "string", "pattern": anchored(pattern)}),
        Field(
            default_factory=lambda: default,
            description="`*` for all, or field names separated by commas: "
            + ", ".join(available)
            + f". Default: {', '.join(default)}.",
        ),
    ]


class Thumbnails(Query):
    thumbnail: RenditionSize = Field("thumbnail", description="Thumbnail size (allow-list).")
    thumbnail_format: RenditionFormat = Field("jpeg", description="Thumbnail format.")


class NewsListQuery(Localized, Paged, Thumbnails):
    fields: field_selection(LISTING_FIELDS, DEFAULT_LISTING_FIELDS)  # type: ignore[valid-type]
    category: Category | None = Field(None, description="Category.")
    tag: str | None = Field(None, min_length=1, max_length=100, description="Tag slug.")
    date_from: DateText | None = Field(None, description="Earliest date (YYYY-MM-DD).")
    date_to: DateText | None = Field(None, description="Latest date (YYYY-MM-DD).")
    order: Literal["latest", "most_read"] = Field(
        "latest", description=f"`latest` or `most_read` (views of the last {MOST_READ_DAYS} days)."
    )


class NewsDetailQuery(Localized, Thumbnails):
    fields: field_selection(DETAIL_FIELDS, DETAIL_FIELDS)  # type: ignore[valid-type]


# --- response ------------------------------------------------------------------------------------


class Thumbnail(Schema):
    """The lead image's rendition in the `thumbnail` size and format."""

    url: str
    width: int
    height: int
    size: RenditionSize
    format: RenditionFormat
    alt: str = Field(description="The image's default alt text.")


class LeadImage(Schema):
    id: int
    title: str
    detail_url: str = Field(description="The image in this API.")
    rendition: Thumbnail


class NewsTranslation(Schema):
    locale: Language
    id: int
    detail_url: str


@with_config(ConfigDict(extra="forbid"))
class NewsItem(TypedDict, total=False):
    """An article: its `id` and the fields named in `fields`."""

    id: Required[int]
    title: str
    slug: str
    date: datetime.date
    category: Category
    teaser: str
    thumbnail: Annotated[Thumbnail | None, Field(description="Null when it has no image.")]
    tags: Annotated[list[str], Field(description="Tag slugs.")]
    tag_names: Annotated[
        list[str],
        Field(description="The tags' names in the article's language, in the order of `tags`."),
    ]
    source: str
    is_national: bool
    locale: Language
    fallback: Annotated[bool, Field(description="Served in the `fallback` language.")]
    translations: Annotated[
        list[NewsTranslation], Field(description="The same article in the other languages.")
    ]
    detail_url: str
    html_url: Annotated[str | None, Field(description="The article on this site.")]
    body: Annotated[
        stream_schema(BodyBlock(), "NewsBody"),  # type: ignore[valid-type]
        Field(description="The article's blocks (detail only)."),
    ]
    lead_image: Annotated[LeadImage | None, Field(description="Detail only.")]


class NewsMeta(Schema):
    total_count: int
    locale: Language
    order: Literal["latest", "most_read"]
    fields: list[str] = Field(description="The fields of every item (besides `id`).")


class NewsListing(Schema):
    meta: NewsMeta
    items: list[NewsItem]


# --- reading -------------------------------------------------------------------------------------


def articles(scope: Scope) -> QuerySet[NewsArticlePage]:
    """Live public articles of the department's tree, every locale."""
    return NewsArticlePage.objects.filter(scope.department.tree_condition()).live().public()


class NewsSerializer:
    """Builds items with a constant number of queries for any number of articles."""

    def __init__(self, scope: Scope, query: NewsListQuery | NewsDetailQuery, language: str):
        self.scope = scope
        self.query = query
        self.fields: tuple[str, ...] = query.fields
        self.language = language
        self.thumbnails: dict[int, dict] = {}
        self.translations: dict = {}
        self.lead_images: dict[int, Any] = {}
        self.writers: dict[str, Callable[[NewsArticlePage], Any]] = {
            name: getattr(self, f"field_{name}") for name in self.fields
        }

    def prepare(self, items: list[NewsArticlePage]) -> None:
        if "thumbnail" in self.fields or "lead_image" in self.fields:
            size, image_format = self.query.thumbnail, self.query.thumbnail_format
            spec = rendition_spec(size, image_format)
            ids = {a.lead_image_id for a in items if a.lead_image_id}
            images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(spec)
            for image in images:
                rendition = get_rendition(image, spec)
                self.lead_images[image.pk] = image
                self.thumbnails[image.pk] = {
                    "url": self.scope.absolute(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "size": size,
                    "format": image_format,
                    "alt": image.default_alt_text or "",
                }
        if "translations" in self.fields:
            self.translations = self.scope.translations(
                articles(self.scope), [a.translation_key for a in items]
            )

    def item(self, article: NewsArticlePage) -> dict:
        data: dict[str, Any] = {"id": article.pk}
        for name, write in self.writers.items():
            data[name] = write(article)
        return data

    def detail_url(self, pk: int) -> str:
        return self.scope.absolute(f"/api/news/{pk}/")

    def field_title(self, a: NewsArticlePage) -> str:
        return a.title

    def field_slug(self, a: NewsArticlePage) -> str:
        return a.slug

    def field_date(self, a: NewsArticlePage) -> str:
        return a.date.isoformat()

    def field_category(self, a: NewsArticlePage) -> str:
        return a.category

    def field_teaser(self, a: NewsArticlePage) -> str:
        return a.teaser

    def field_source(self, a: NewsArticlePage) -> str:
        return a.source

    def field_is_national(self, a: NewsArticlePage) -> bool:
        return a.is_national

    def field_locale(self, a: NewsArticlePage) -> str:
        return a.locale.language_code

    def field_fallback(self, a: NewsArticlePage) -> bool:
        return a.locale.language_code != self.language

    def field_detail_url(self, a: NewsArticlePage) -> str:
        return self.detail_url(a.pk)

    def field_html_url(self, a: NewsArticlePage) -> str | None:
        return a.get_full_url(self.scope.request)

    def field_tags(self, a: NewsArticlePage) -> list[str]:
        return sorted(tag.slug for tag in a.tags.all())

    def field_tag_names(self, a: NewsArticlePage) -> list[str]:
        language = a.locale.language_code
        return [tag.name_in(language) for tag in sorted(a.tags.all(), key=lambda tag: tag.slug)]

    def field_thumbnail(self, a: NewsArticlePage) -> dict | None:
        return self.thumbnails.get(a.lead_image_id) if a.lead_image_id else None

    def field_translations(self, a: NewsArticlePage) -> list[dict]:
        return [
            {"locale": code, "id": pk, "detail_url": self.detail_url(pk)}
            for code, pk in self.translations.get(a.translation_key, [])
            if pk != a.pk
        ]

    def field_lead_image(self, a: NewsArticlePage) -> dict | None:
        image = self.lead_images.get(a.lead_image_id) if a.lead_image_id else None
        if image is None:
            return None
        return {
            "id": image.pk,
            "title": image.title,
            "detail_url": self.scope.absolute(f"/api/images/{image.pk}/"),
            "rendition": self.thumbnails[image.pk],
        }

    def field_body(self, a: NewsArticlePage) -> list:
        return a.body.stream_block.get_api_representation(
            a.body, context={"request": self.scope.request}
        )


news = Endpoint("/api/news/", name="news")


@news.get(
    summary="News of this site, one screen per request",
    description=(
        "The department's live public articles in the language (with `fallback`, those "
        "without a translation too), newest first or most read, filtered by category, tag "
        "and dates; each item has its `id` and the fields named in `fields`, thumbnails in "
        "an allow-listed size and format."
    ),
    tag="news",
    query=NewsListQuery,
    response=NewsListing,
    errors=RENDITION_STATUSES,
)
def news_list(scope: Scope, query: NewsListQuery) -> dict:
    fields = query.fields
    rows: PageQuerySet = scope.localized(articles(scope)).select_related("locale")
    rows = rows.defer_streamfields()
    if "tags" in fields or "tag_names" in fields:
        rows = rows.prefetch_related("tags")
    if query.category is not None:
        rows = rows.filter(category=query.category)
    if query.tag is not None:
        rows = rows.filter(pk__in=NewsArticlePage.objects.filter(tags__slug=query.tag).values("pk"))
    if query.date_from:
        rows = rows.filter(date__gte=query.date_from)
    if query.date_to:
        rows = rows.filter(date__lte=query.date_to)
    if query.order == "most_read":
        since = timezone.localdate() - datetime.timedelta(days=MOST_READ_DAYS)
        rows = rows.annotate(
            views=Coalesce(Sum("view_days__count", filter=Q(view_days__date__gte=since)), 0)
        ).order_by("-views", "-date", "-pk")
    else:
        rows = rows.order_by("-date", "-pk")
    total = rows.count()
    items = list(rows[query.offset : query.offset + query.limit]) if query.limit else []
    serializer = NewsSerializer(scope, query, scope.language)
    serializer.prepare(items)
    return {
        "meta": {
            "total_count": total,
            "locale": scope.language,
            "order": query.order,
            "fields": list(fields),
        },
        "items": [serializer.item(article) for article in items],
    }


news_item = Endpoint("/api/news/{id}/", name="news_item", path_params={"id": ID})


@news_item.get(
    summary="One article",
    description=(
        "One live public article of this site by id, as it is; with `locale`, its "
        "translation in that language (or, with `fallback`, in the fallback language)."
    ),
    tag="news",
    query=NewsDetailQuery,
    response=NewsItem,
    errors=RENDITION_STATUSES,
)
def news_detail(scope: Scope, query: NewsDetailQuery, id: int) -> dict:
    rows = articles(scope).select_related("locale")
    article = rows.filter(pk=id).first()
    if article is None:
        raise NotFound("not found")
    language = scope.language
    if query.locale is None:
        language = article.locale.language_code  # asked for by id: served as it is
    elif article.locale.language_code != language:
        wanted = [language, *([scope.fallback] if scope.fallback else [])]
        translation = None
        for code in wanted:
            translation = rows.filter(
                translation_key=article.translation_key, locale__language_code=code
            ).first()
            if translation is not None:
                break
        if translation is None:
            raise NotFound("not found")
        article = translation
    serializer = NewsSerializer(scope, query, language)
    serializer.prepare([article])
    return serializer.item(article)


def news_index(department: Any, language: str) -> Any:
    """The department's news index in `language` (where writes create articles)."""
    from cms.news.models import NewsIndexPage

    return (
        NewsIndexPage.objects.filter(department.tree_condition())
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
