"""Wagtail API v2 endpoints, extended: scoped by Host, bilingual with fallback, problem errors.

We extend Wagtail's v2 viewsets (DRF) rather than v3 (django-ninja): v2 already has
field selection (``?fields=``), Wagtail's page/image/document shapes and ``find``;
the OpenAPI document is ours (``cms.api.openapi``). What Wagtail v2 lacks and we
add: the site comes from the Host only (no ``?site=``), images and documents
are limited to the department's collections and the shared library, ``locale``
defaults to Accept-Language with ``?fallback=``, each page links its
translations, renditions from a fixed allow-list, and RFC 9457 error bodies.
"""

import re

from django.db.models import Q
from django.http import Http404

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page

from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from . import scope
from .errors import RENDITION_ERRORS, ApiError, problem, rendition_problem
from .languages import fallback_language, requested_language
from .resources import name_list
from .scope import Scope

PARAMETER_NAMES = (
    "limit",
    "offset",
    "fields",
    "order",
    "search_operator",
    "search",
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "locale",
    "html_path",
    "rich_text_format",
    "id",
)
UNKNOWN = re.compile(r"not an operation or a recognised field: (.+)$")
SEARCH_OPERATORS = ("and", "or")
# Page ids the tree filters take (Wagtail also takes `root`).
TREE_FILTERS = ("child_of", "descendant_of", "ancestor_of", "translation_of")
PAGE_ID = r"[0-9]{1,9}|root"
MISSING_PAGE = re.compile(r"page doesn't exist$")


def parameter_of(message: str, query=()) -> str:
    """Which query parameter a Wagtail v2 BadRequestError message is about."""
    unknown = UNKNOWN.search(message)
    if unknown:
        return unknown.group(1)
    lowered = message.lower()
    if "parent page" in lowered or "ancestor page" in lowered or "descendant page" in lowered:
        return next(
            (name for name in ("child_of", "descendant_of", "ancestor_of") if name in query),
            "child_of",
        )
    if "field" in lowered and "order" not in lowered:
        return "fields"
    for name in PARAMETER_NAMES:
        if name in lowered:
            return name
    return "query"


class ApiRenderer(JSONRenderer):
    """Compact UTF-8 JSON (Vietnamese stays readable, no indent)."""

    ensure_ascii = False

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return super().render(
            data, accepted_media_type, {**(renderer_context or {}), "indent": None}
        )


class ProblemMixin:
    """JSON only, and every error as an RFC 9457 problem body naming the parameter."""

    renderer_classes = [ApiRenderer]
    # Wagtail v2 passes these through; they are not part of this API's contract.
    dropped_parameters = frozenset({"format", "_", "site"})
    # `order` takes these (`-` for descending): fields the search index can also order by.
    # Wagtail's `random` is not offered: a cached response repeats one order for everybody.
    order_fields: tuple[str, ...] = ("id", "title")

    @classmethod
    def order_pattern(cls) -> str:
        return name_list([*cls.order_fields, *(f"-{name}" for name in cls.order_fields)])

    def initial(self, request, *args, **kwargs):
        unknown = self.dropped_parameters & set(request.GET.keys())
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown))
            )
        for name in ("limit", "offset"):
            raw = request.GET.get(name)
            if raw is not None and (not (raw.isascii() and raw.isdigit()) or len(raw) > 9):
                raise ApiError("must be an integer from 0 to 999999999", parameter=name)
        order = request.GET.get("order")
        if order is not None and not re.fullmatch(self.order_pattern(), order):
            raise ApiError(
                "must be a comma-separated list of: "
                + ", ".join(self.order_fields)
                + " (each may start with -)",
                parameter="order",
            )
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise ApiError(f"must be one of: {', '.join(SEARCH_OPERATORS)}", "search_operator")
        for name in TREE_FILTERS:
            raw = request.GET.get(name)
            if raw is not None and not re.fullmatch(PAGE_ID, raw):
                raise ApiError("must be a page id (an integer up to 999999999)", parameter=name)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, ApiError):
            return problem(exc.status, exc.detail, exc.parameter, self.request.path)
        if isinstance(exc, RENDITION_ERRORS):
            return rendition_problem(exc, self.request.path)
        if (
            isinstance(exc, (Http404, Page.DoesNotExist))
            or getattr(exc, "status_code", None) == 404
        ):
            return problem(404, "not found", instance=self.request.path)
        if isinstance(exc, BadRequestError) and MISSING_PAGE.search(str(exc)):
            # A tree filter naming a page this site does not show: nothing to list from there.
            return problem(
                404, str(exc), parameter_of(str(exc), self.request.GET), self.request.path
            )
        if isinstance(exc, BadRequestError):
            return problem(
                400, str(exc), parameter_of(str(exc), self.request.GET), self.request.path
            )
        if isinstance(exc, (ValueError, TypeError)):
            return problem(400, str(exc) or "invalid value", "query", self.request.path)
        if isinstance(exc, APIException):
            return problem(exc.status_code, str(exc.detail), instance=self.request.path)
        return super().handle_exception(exc)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        return response


class TranslationsField(serializers.Field):
    """Links to the same page in other languages: [{locale, id, detail_url}]."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        table = self.context["view"].translations_of(page)
        return [
            {
                "locale": code,
                "id": pk,
                "detail_url": f"{self.context['request'].build_absolute_uri('/api/pages/')}{pk}/",
            }
            for code, pk in table
            if pk != page.pk
        ]


class FallbackField(serializers.Field):
    """True when the item is not in the requested language but in the `?fallback=` one."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        return page.locale_id != self.context["view"].requested_locale.pk


class DepartmentPagesAPIViewSet(ProblemMixin, PagesAPIViewSet):
    """Public pages of the Host's department, in the requested language."""

    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"site"}) | {"fallback"}
    meta_fields = [
        *PagesAPIViewSet.meta_fields,
        APIField("translations", serializer=TranslationsField()),
    ]
    meta_fields.append(APIField("fallback", serializer=FallbackField()))
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "locale", "fallback"]
    detail_only_fields = ["parent"]
    order_fields = ("id", "title", "first_published_at")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.department = scope.department_for(request)
        language = requested_language(request)
        self.requested_locale = Locale.objects.get(language_code=language)
        fallback = fallback_language(request)
        self.fallback_locale = (
            Locale.objects.get(language_code=fallback)
            if fallback and fallback != language
            else None
        )
        self._translations = None

    @classmethod
    def get_detail_default_fields(cls, model):
        return [*super().get_detail_default_fields(model), "translations", "fallback"]

    def get_root_page(self):
        return self.department.site.root_page

    def get_base_queryset(self):
        """Every public live page of the department (all locales: parents and translations resolve)."""
        return scope.public_pages(self.department)

    def localized(self, queryset):
        """The requested language; with `?fallback=`, the fallback item where no translation exists."""
        wanted = Q(locale=self.requested_locale)
        if self.fallback_locale is not None:
            translated = scope.public_pages(self.department).filter(locale=self.requested_locale)
            wanted |= Q(locale=self.fallback_locale) & ~Q(
                translation_key__in=translated.values("translation_key")
            )
        return queryset.filter(wanted)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "listing_view" and "translation_of" not in self.request.GET:
            queryset = self.localized(queryset)
        return queryset.select_related("locale")

    def filter_queryset(self, queryset):
        # `locale` is handled by `localized` (validated, with Accept-Language and fallback).
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
        if "locale" in self.request.GET and page.locale_id != self.requested_locale.pk:
            base = scope.public_pages(self.department)
            translation = base.filter(
                translation_key=page.translation_key, locale=self.requested_locale
            ).first()
            if translation is None and self.fallback_locale is not None:
                translation = base.filter(
                    translation_key=page.translation_key, locale=self.fallback_locale
                ).first()
            if translation is None:
                raise Http404("no translation")
            page = translation.specific
        return page

    def translations_of(self, page):
        """(locale, id) of each public translation; one query per response, not per item."""
        if self._translations is None:
            keys = {page.translation_key}
            paginated = getattr(self, "_page_keys", None)
            if paginated:
                keys |= paginated
            rows = (
                scope.public_pages(self.department)
                .filter(translation_key__in=keys)
                .values_list("translation_key", "locale__language_code", "pk")
                .order_by("locale__language_code")
            )
            self._translations = {}
            for key, code, pk in rows:
                self._translations.setdefault(key, []).append((code, pk))
        return self._translations.get(page.translation_key, [])

    def paginate_queryset(self, queryset):
        items = super().paginate_queryset(queryset)
        items = list(items)
        self._page_keys = {item.translation_key for item in items}
        return items

    def listing_view(self, request):
        return super().listing_view(request)

    def detail_view(self, request, pk):
        return super().detail_view(request, pk)


class DepartmentImagesAPIViewSet(ProblemMixin, ImagesAPIViewSet):
    """Images of the department's collection and the shared library only."""

    def get_queryset(self):
        return Scope(self.request).images().order_by("id")


class DepartmentDocumentsAPIViewSet(ProblemMixin, DocumentsAPIViewSet):
    """Documents of the department's collection and the shared library only."""

    def get_queryset(self):
        return Scope(self.request).documents().order_by("id")


def not_found_response(request) -> Response:
    return problem(404, "not found", instance=request.path)
