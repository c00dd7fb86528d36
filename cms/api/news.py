"""`/api/news/`: a department's news articles, one request per list screen.

The client picks the fields (`fields=title,date,thumbnail`), filters by category, tag
and date range, and orders by latest or most read (views over the last 30 days, from
`cms.news.PageViewDay`). The query count of a listing does not depend on its size:
thumbnails come from one prefetch of allow-listed renditions, tags and translations
from one query each.
"""

import datetime
import re

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from cms.core.renditions import get_rendition
from cms.news.models import MOST_READ_DAYS, NewsArticlePage, NewsCategory

from . import scope
from .errors import ApiError
from .languages import fallback_language, requested_language
from .resources import (
    LIMIT_DEFAULT,
    LIMIT_MAX,
    RENDITION_FORMATS,
    RENDITION_SIZES,
    api_endpoint,
    int_parameter,
    json,
    name_list,
    rendition_spec,
)

ORDERS = ("latest", "most_read")
LISTING_FIELDS = (
    "title",
    "slug",
    "date",
    "category",
    "teaser",
    "thumbnail",
    "tags",
    "source",
    "is_national",
    "locale",
    "fallback",
    "translations",
    "detail_url",
    "html_url",
)
DETAIL_ONLY_FIELDS = ("body", "lead_image")
DEFAULT_LISTING_FIELDS = (
    "title",
    "date",
    "teaser",
    "thumbnail",
    "locale",
    "fallback",
    "detail_url",
)
LIST_PARAMETERS = {
    "locale",
    "fallback",
    "fields",
    "category",
    "tag",
    "date_from",
    "date_to",
    "order",
    "limit",
    "offset",
    "thumbnail",
    "thumbnail_format",
}
DETAIL_PARAMETERS = {"locale", "fallback", "fields", "thumbnail", "thumbnail_format"}


def fields_pattern(available: tuple[str, ...]) -> str:
    """`fields=`: empty (the default), `*` (all), or a comma-separated list of names."""
    return f"(?:|\\*|{name_list(available)})"


def selected_fields(request: HttpRequest, available: tuple[str, ...], default: tuple) -> list[str]:
    """`fields=a,b` (exactly those), `*` (all), or the default; anything else → 400."""
    raw = request.GET.get("fields")
    if not raw:
        return list(default)
    if not re.fullmatch(fields_pattern(available), raw):
        unknown = [name for name in raw.split(",") if name not in available]
        raise ApiError(
            f"unknown field: {', '.join(unknown) or raw} (* or a comma-separated list of: "
            f"{', '.join(available)})",
            parameter="fields",
        )
    if raw == "*":
        return list(available)
    return list(dict.fromkeys(raw.split(",")))


DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def parse_date(request: HttpRequest, name: str) -> datetime.date | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        if not re.fullmatch(DATE, raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ApiError("must be a date as YYYY-MM-DD", parameter=name) from None


def thumbnail_spec(request: HttpRequest) -> tuple[str, str, str]:
    size = request.GET.get("thumbnail", "thumbnail")
    image_format = request.GET.get("thumbnail_format", "jpeg")
    if size not in RENDITION_SIZES:
        raise ApiError(f"must be one of: {', '.join(RENDITION_SIZES)}", parameter="thumbnail")
    if image_format not in RENDITION_FORMATS:
        raise ApiError(
            f"must be one of: {', '.join(RENDITION_FORMATS)}", parameter="thumbnail_format"
        )
    return size, image_format, rendition_spec(size, image_format)


class NewsScope:
    """The Host's department, the requested language and its fallback, for one request."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.department = scope.department_for(request)
        self.language = requested_language(request)
        fallback = fallback_language(request)
        self.fallback = fallback if fallback and fallback != self.language else None
        self.tree = self.department.tree_condition()
        self._articles = None

    def articles(self):
        """Live public articles of the department's tree, every locale.

        Built once per request: `public()` reads the view restrictions when it is called.
        """
        if self._articles is None:
            self._articles = NewsArticlePage.objects.filter(self.tree).live().public()
        return self._articles.all()

    def localized(self, queryset):
        wanted = Q(locale__language_code=self.language)
        if self.fallback is not None:
            translated = self.articles().filter(locale__language_code=self.language)
            wanted |= Q(locale__language_code=self.fallback) & ~Q(
                translation_key__in=translated.values("translation_key")
            )
        return queryset.filter(wanted)


class NewsSerializer:
    """Builds items with a constant number of queries for any number of articles."""

    def __init__(self, request: HttpRequest, news: NewsScope, fields: list[str]):
        self.request = request
        self.news = news
        self.fields = fields
        self.thumbnails: dict[int, dict] = {}
        self.translations: dict = {}
        self.lead_images: dict[int, object] = {}

    def prepare(self, articles: list[NewsArticlePage]) -> None:
        if "thumbnail" in self.fields or "lead_image" in self.fields:
            size, image_format, spec = thumbnail_spec(self.request)
            ids = {a.lead_image_id for a in articles if a.lead_image_id}
            images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(spec)
            for image in images:
                rendition = get_rendition(image, spec)
                self.lead_images[image.pk] = image
                self.thumbnails[image.pk] = {
                    "url": self.request.build_absolute_uri(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "size": size,
                    "format": image_format,
                    "alt": image.default_alt_text or "",
                }
        if "translations" in self.fields:
            keys = {a.translation_key for a in articles}
            rows = (
                self.news.articles()
                .filter(translation_key__in=keys)
                .values_list("translation_key", "locale__language_code", "pk")
                .order_by("locale__language_code")
            )
            for key, code, pk in rows:
                self.translations.setdefault(key, []).append((code, pk))

    def item(self, article: NewsArticlePage) -> dict:
        data: dict = {"id": article.pk}
        for name in self.fields:
            data[name] = getattr(self, f"field_{name}")(article)
        return data

    def detail_url(self, pk: int) -> str:
        return self.request.build_absolute_uri(f"/api/news/{pk}/")

    def field_title(self, a):
        return a.title

    def field_slug(self, a):
        return a.slug

    def field_date(self, a):
        return a.date.isoformat()

    def field_category(self, a):
        return a.category

    def field_teaser(self, a):
        return a.teaser

    def field_source(self, a):
        return a.source

    def field_is_national(self, a):
        return a.is_national

    def field_locale(self, a):
        return a.locale.language_code

    def field_fallback(self, a):
        return a.locale.language_code != self.news.language

    def field_detail_url(self, a):
        return self.detail_url(a.pk)

    def field_html_url(self, a):
        return a.get_full_url(self.request)

    def field_tags(self, a):
        return sorted(tag.slug for tag in a.tags.all())

    def field_thumbnail(self, a):
        return self.thumbnails.get(a.lead_image_id)

    def field_translations(self, a):
        return [
            {"locale": code, "id": pk, "detail_url": self.detail_url(pk)}
            for code, pk in self.translations.get(a.translation_key, [])
            if pk != a.pk
        ]

    def field_lead_image(self, a):
        image = self.lead_images.get(a.lead_image_id)
        if image is None:
            return None
        return {
            "id": image.pk,
            "title": image.title,
            "detail_url": self.request.build_absolute_uri(f"/api/images/{image.pk}/"),
            "rendition": self.thumbnails[image.pk],
        }

    def field_body(self, a):
        return a.body.stream_block.get_api_representation(a.body, context={"request": self.request})


def _base_queryset(news: NewsScope, fields: list[str]):
    queryset = news.localized(news.articles()).select_related("locale")
    if "tags" in fields:
        queryset = queryset.prefetch_related("tags")
    return queryset


@api_endpoint(LIST_PARAMETERS)
def news_list(request: HttpRequest) -> JsonResponse:
    """`/api/news/`: one screen of the department's news in one request."""
    news = NewsScope(request)
    fields = selected_fields(request, LISTING_FIELDS, DEFAULT_LISTING_FIELDS)
    limit = int_parameter(request, "limit", LIMIT_DEFAULT, LIMIT_MAX)
    offset = int_parameter(request, "offset", 0)
    order = request.GET.get("order", "latest")
    if order not in ORDERS:
        raise ApiError(f"must be one of: {', '.join(ORDERS)}", parameter="order")
    if "thumbnail" in fields:
        thumbnail_spec(request)
    queryset = _base_queryset(news, fields).defer_streamfields()
    category = request.GET.get("category")
    if category is not None:
        if category not in NewsCategory.values:
            raise ApiError(
                f"must be one of: {', '.join(NewsCategory.values)}", parameter="category"
            )
        queryset = queryset.filter(category=category)
    tag = request.GET.get("tag")
    if tag is not None:
        if not tag or len(tag) > 100:
            raise ApiError("must be a tag slug of 1 to 100 characters", parameter="tag")
        queryset = queryset.filter(
            pk__in=NewsArticlePage.objects.filter(tags__slug=tag).values("pk")
        )
    date_from, date_to = parse_date(request, "date_from"), parse_date(request, "date_to")
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if order == "most_read":
        since = timezone.localdate() - datetime.timedelta(days=MOST_READ_DAYS)
        queryset = queryset.annotate(
            views=Coalesce(Sum("view_days__count", filter=Q(view_days__date__gte=since)), 0)
        ).order_by("-views", "-date", "-pk")
    else:
        queryset = queryset.order_by("-date", "-pk")
    total = queryset.count()
    articles = list(queryset[offset : offset + limit]) if limit else []
    serializer = NewsSerializer(request, news, fields)
    serializer.prepare(articles)
    return json(
        {
            "meta": {
                "total_count": total,
                "locale": news.language,
                "order": order,
                "fields": fields,
            },
            "items": [serializer.item(article) for article in articles],
        }
    )


@api_endpoint(DETAIL_PARAMETERS)
def news_detail(request: HttpRequest, pk: int) -> JsonResponse:
    """`/api/news/<id>/`: one article; with `locale` its translation (or the fallback)."""
    news = NewsScope(request)
    fields = selected_fields(
        request,
        (*LISTING_FIELDS, *DETAIL_ONLY_FIELDS),
        (*LISTING_FIELDS, *DETAIL_ONLY_FIELDS),
    )
    queryset = news.articles().select_related("locale")
    article = queryset.filter(pk=pk).first()
    if article is None:
        raise Http404
    if "locale" not in request.GET:
        news.language = article.locale.language_code  # asked for by id: served as it is
    elif article.locale.language_code != news.language:
        translation = queryset.filter(
            translation_key=article.translation_key, locale__language_code=news.language
        ).first()
        if translation is None and news.fallback is not None:
            translation = queryset.filter(
                translation_key=article.translation_key, locale__language_code=news.fallback
            ).first()
        if translation is None:
            raise Http404
        article = translation
    serializer = NewsSerializer(request, news, fields)
    serializer.prepare([article])
    return json(serializer.item(article))


def article_locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def news_index(news_scope_department, language: str) -> Page | None:
    """The department's news index in `language` (where writes create articles)."""
    from cms.news.models import NewsIndexPage

    return (
        NewsIndexPage.objects.filter(news_scope_department.tree_condition())
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
