"""`/api/pages/`, `/api/pages/<id>/`, `/api/pages/find/`: Wagtail's v2 pages viewset, scoped by
the Host, bilingual with `?fallback=`, each page linking its translations.

What Wagtail v2 lacks and this adds: the site comes from the Host only (no `?site=`), the
language defaults to Accept-Language, `?fallback=` serves the fallback language's page
where no translation exists (marked `meta.fallback`), `meta.translations`, and the
declarations (`cms.api.v2`) that parse the query and validate every answer.
"""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import QuerySet
from django.http import Http404

from wagtail.api import APIField
from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, get_page_models

from rest_framework import serializers

from cms.news.models.articles import TagNamesField

from . import documents, images  # noqa: F401 — registered first: pages nest them
from .http import RENDITION_STATUSES, Field
from .scope import Language
from .v2 import (
    EXTRA_FIELDS,
    DeclaredViewSetMixin,
    TranslationLink,
    declare,
    merged_schema,
    query_models,
    router,
)


class TranslationsField(serializers.Field):
    """Links to the same page in other languages: [{locale, id, detail_url}]."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page: Page) -> list[dict]:
        view = self.context["view"]
        return [
            {"locale": code, "id": pk, "detail_url": view.scope.absolute(f"/api/pages/{pk}/")}
            for code, pk in view.translations_of(page)
            if pk != page.pk
        ]


class FallbackField(serializers.Field):
    """True when the item is not in the requested language but in the `?fallback=` one."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page: Page) -> bool:
        return page.locale_id != self.context["view"].scope.locale.pk


EXTRA_FIELDS.update(
    {
        TranslationsField.__name__: list[TranslationLink],
        FallbackField.__name__: bool,
        TagNamesField.__name__: list[str],
    }
)
TREE_FILTER = "^(?:[0-9]{1,9}|root)$"


class DepartmentPagesAPIViewSet(DeclaredViewSetMixin, PagesAPIViewSet):
    """Public pages of the Host's department, in the requested language."""

    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"site"}) | {"fallback"}
    meta_fields = [
        *PagesAPIViewSet.meta_fields,
        APIField("translations", serializer=TranslationsField()),
        APIField("fallback", serializer=FallbackField()),
    ]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "locale", "fallback"]
    detail_only_fields = ["parent"]
    order_fields = ("id", "title", "first_published_at")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.department = self.scope.department
        self._translations: dict | None = None
        self._page_keys: set = set()

    @classmethod
    def get_detail_default_fields(cls, model):
        return [*super().get_detail_default_fields(model), "translations", "fallback"]

    def get_root_page(self) -> Page:
        return self.department.site.root_page

    def get_base_queryset(self) -> QuerySet:
        """Every public live page of the department (all locales: parents and translations resolve)."""
        return self.scope.pages()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "listing_view" and "translation_of" not in self.request.GET:
            queryset = self.scope.localized(queryset, among=self.scope.pages())
        return queryset.select_related("locale")

    def filter_queryset(self, queryset):
        # `locale` is the scope's (validated, with Accept-Language and fallback).
        dropped = {"LocaleFilter"}
        both = "child_of" in self.request.GET and "descendant_of" in self.request.GET
        if both:
            # Wagtail refuses the pair; the children of a page inside the branch are well defined.
            dropped.add("DescendantOfFilter")
        self.filter_backends = [b for b in self.filter_backends if b.__name__ not in dropped]
        queryset = super().filter_queryset(queryset)
        if both:
            queryset = queryset.descendant_of(self.tree_page("descendant_of", "ancestor"))
        return queryset

    def tree_page(self, name: str, role: str) -> Page:
        raw = self.request.GET[name]
        if raw == "root":
            return self.get_root_page()
        page = self.get_base_queryset().filter(pk=int(raw)).first()
        if page is None:
            raise BadRequestError(f"{role} page doesn't exist")
        return page

    def get_object(self):
        """A page by id; with `?locale=` its translation (or the fallback) — 404 when neither is public."""
        page = super().get_object()
        scope = self.scope
        if "locale" in self.request.GET and page.locale_id != scope.locale.pk:
            base = scope.pages()
            translation = base.filter(
                translation_key=page.translation_key, locale=scope.locale
            ).first()
            if translation is None and scope.fallback_locale is not None:
                translation = base.filter(
                    translation_key=page.translation_key, locale=scope.fallback_locale
                ).first()
            if translation is None:
                raise Http404("no translation")
            page = translation.specific
        return page

    def translations_of(self, page: Page) -> list[tuple[str, int]]:
        """(locale, id) of each public translation; one query per response, not per item."""
        if self._translations is None:
            keys = {page.translation_key} | self._page_keys
            self._translations = self.scope.translations(self.scope.pages(), keys)
        return self._translations.get(page.translation_key, [])

    def paginate_queryset(self, queryset):
        items = list(super().paginate_queryset(queryset))
        self._page_keys = {item.translation_key for item in items}
        return items


router.register_endpoint("pages", DepartmentPagesAPIViewSet)

PAGE_MODELS = [model for model in get_page_models() if model is not Page]
PageType = Literal[tuple(sorted(model._meta.label for model in PAGE_MODELS))]  # type: ignore[valid-type]
RichTextFormat = Literal[tuple(sorted(APIRichText._serializers()))]  # type: ignore[valid-type]
LANGUAGE: dict[str, Any] = {
    "locale": (
        Language | None,
        Field(None, description="Language of the pages; default from Accept-Language, then vi."),
    ),
    "fallback": (
        Language | None,
        Field(
            None,
            description="Language served (marked `meta.fallback: true`) where a page has no "
            "translation in `locale`.",
        ),
    ),
    "rich_text_format": (
        RichTextFormat | None,
        Field(None, description="Rich text as `html` (default) or another of Wagtail's formats."),
    ),
}


def _tree(description: str) -> tuple[Any, Any]:
    return (str | None, Field(None, pattern=TREE_FILTER, description=description))


PAGE_QUERIES = query_models(
    DepartmentPagesAPIViewSet,
    PAGE_MODELS,
    "Pages",
    listing_extra={
        **LANGUAGE,
        "type": (PageType | None, Field(None, description="Only pages of this type.")),
        "child_of": _tree("Children of this page id (`root`: the home); 404 when not shown."),
        "descendant_of": _tree("Pages below this page id; 404 when this site does not show it."),
        "ancestor_of": _tree("Pages above this page id; 404 when this site does not show it."),
        "translation_of": _tree("Translations of this page id; 404 when not shown."),
    },
    detail_extra=LANGUAGE,
)
for _query in PAGE_QUERIES:
    _query.messages = {
        **_query.messages,
        **dict.fromkeys(
            ("child_of", "descendant_of", "ancestor_of", "translation_of"),
            "must be a page id (an integer up to 999999999)",
        ),
    }


def _page_serializers() -> dict[str, type]:
    every = [("*", False, None)]
    return {
        model._meta.label: DepartmentPagesAPIViewSet._get_serializer_class(
            router, model, every, show_details=True
        )
        for model in PAGE_MODELS
    }


PageItem = merged_schema(
    "Page",
    _page_serializers(),
    "A page of this site: Wagtail API v2's shape. Which fields appear depends on `fields` "
    "and on the page type (`meta.type`); each field says which types have it.",
)
declare(
    DepartmentPagesAPIViewSet,
    prefix="pages",
    noun="page",
    plural="public pages",
    tag="pages",
    item=PageItem,
    queries=PAGE_QUERIES,
    listing_description=(
        "Live, public pages of this site in the language (`locale`, else Accept-Language), "
        "with `fallback` for pages not translated; filter by type, tree position or fields."
    ),
    detail_description=(
        "One live, public page of this site with its type's fields; with `locale`, its "
        "translation (or the `fallback` one)."
    ),
    errors=RENDITION_STATUSES,
)
