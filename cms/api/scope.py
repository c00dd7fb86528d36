"""The one request scope every API endpoint receives: who asks (the Host's department), in
which language, with which fallback, and what that department may show.

Everything is derived from the Host only (`request.department`, set by
`sites.middleware.DepartmentMiddleware`): Wagtail's API would let `?site=` override the
site and does not scope images or documents at all. The scope is built once per request
(`cms.api.http` does it, after the query is parsed) and passed to the endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import get_language_from_request

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from pydantic import AfterValidator, WithJsonSchema

from cms.core.navigation import site_sections
from sites.http import DepartmentRequest
from sites.models import Department
from sites.provisioning import shared_library_collection

if TYPE_CHECKING:
    from .models import ApiToken

#: The languages of the API: settings.LANGUAGES, read in this one place.
LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def _known_language(code: str) -> str:
    if code not in LANGUAGES:
        raise ValueError(f"must be one of: {', '.join(LANGUAGES)}")
    return code


#: A language code of this site (a query parameter or a response field).
Language = Annotated[
    str,
    AfterValidator(_known_language),
    WithJsonSchema({"type": "string", "enum": list(LANGUAGES)}),
]


def department_of(request: DepartmentRequest) -> Department:
    """The Host's department; an unknown host has no API (404), never a fallback."""
    department = getattr(request, "department", None)
    if department is None:
        raise Http404("unknown site")
    return department


class Scope:
    """Department, language and fallback of one request, and the rows they may see."""

    def __init__(
        self,
        request: DepartmentRequest,
        locale: str | None = None,
        fallback: str | None = None,
    ) -> None:
        self.request = request
        self.department = department_of(request)
        self.language = locale or self.accepted_language(request)
        self.fallback = fallback if fallback and fallback != self.language else None
        #: The bearer token of a write (set by `cms.api.http` for token operations).
        self.token: ApiToken | None = None

    @staticmethod
    def accepted_language(request: HttpRequest) -> str:
        """Accept-Language, then the site's default language."""
        code = get_language_from_request(request, check_path=False)
        return code if code in LANGUAGES else settings.LANGUAGE_CODE

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    # --- languages -----------------------------------------------------------------------

    @cached_property
    def locale(self) -> Locale:
        return Locale.objects.get(language_code=self.language)

    @cached_property
    def fallback_locale(self) -> Locale | None:
        return Locale.objects.get(language_code=self.fallback) if self.fallback else None

    def localized(self, rows: QuerySet, among: QuerySet | None = None) -> QuerySet:
        """Rows in the language; with a fallback, the fallback's rows that have no translation
        in the language among `among` (default: `rows`)."""
        wanted = Q(locale__language_code=self.language)
        if self.fallback is not None:
            translated = (rows if among is None else among).filter(
                locale__language_code=self.language
            )
            wanted |= Q(locale__language_code=self.fallback) & ~Q(
                translation_key__in=translated.values("translation_key")
            )
        return rows.filter(wanted)

    def translations(
        self, rows: QuerySet, keys: Iterable[Any], value: str = "pk"
    ) -> dict[Any, list[tuple[str, Any]]]:
        """{translation_key: [(language code, `value`)]} for every key, in one query."""
        table: dict[Any, list[tuple[str, Any]]] = {}
        found = (
            rows.filter(translation_key__in=set(keys))
            .values_list("translation_key", "locale__language_code", value)
            .order_by("locale__language_code")
        )
        for key, code, identifier in found:
            table.setdefault(key, []).append((code, identifier))
        return table

    # --- what the department shows ---------------------------------------------------------

    def pages(self) -> QuerySet[Page]:
        """Live, public pages of the department's tree (every locale); no drafts, no private pages."""
        return self.department.pages().live().public()

    def homes(self) -> list[Page]:
        """The department's public home pages, one per language."""
        root = self.department.site.root_page
        return list(self.pages().filter(depth=root.depth).select_related("locale"))

    def home(self, homes: list[Page] | None = None) -> Page:
        """The home in the language (the site's root page when it has no public translation)."""
        homes = self.homes() if homes is None else homes
        return next(
            (home for home in homes if home.locale.language_code == self.language),
            self.department.site.root_page,
        )

    def menu(self, home: Page) -> QuerySet[Page]:
        """The site's navigation under `home`: the same sections the site's header shows."""
        return site_sections(home).select_related("locale")

    @cached_property
    def collection_ids(self) -> list[int]:
        """The department's collection (and children) plus the shared library (and children)."""
        condition = Q()
        for root in (self.department.collection, shared_library_collection()):
            condition |= Q(path__startswith=root.path)
        return list(Collection.objects.filter(condition).values_list("id", flat=True))

    def images(self) -> QuerySet:
        return get_image_model().objects.filter(collection_id__in=self.collection_ids)

    def documents(self) -> QuerySet:
        return get_document_model().objects.filter(collection_id__in=self.collection_ids)


# --- Until library, news, writes and questions take a Scope (their migration removes these) ---


def department_for(request: DepartmentRequest) -> Department:
    return department_of(request)


def public_pages(department: Department) -> QuerySet[Page]:
    return department.pages().live().public()
