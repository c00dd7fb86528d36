"""One department's search: its own live public pages in one language, plus the shared library.

Used by the site search page and the API, so both apply the same scope and engine. It works
through Wagtail's registries (`Page` and `index.get_indexed_models()`) and imports no content app.
A non-page model joins every department's search by declaring `search_shared = True` (the shared
library's procedures and legal documents); translatable ones are filtered to the language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet

from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from search.text import fold_diacritics

RERANK_WINDOW = 100


@dataclass
class SearchHits:
    """A page of results and the total number of hits (pages first, then shared records)."""

    results: list[Model] = field(default_factory=list)
    total: int = 0


def department_pages(department: Any, language: str) -> QuerySet[Page]:
    """Live, public pages of the department's tree in `language`: no drafts, no private pages."""
    condition = Q()
    for home in Page.objects.filter(translation_key=department.site.root_page.translation_key):
        condition |= Q(path__startswith=home.path)
    if not condition:
        return Page.objects.none()
    locale = Locale.objects.filter(language_code=language).first()
    return Page.objects.filter(condition).live().public().filter(locale=locale)


def shared_models() -> list[type[Model]]:
    """Indexed non-page models that every department searches (marked `search_shared = True`)."""
    return [
        model
        for model in index.get_indexed_models()
        if not issubclass(model, Page) and getattr(model, "search_shared", False)
    ]


def _shared_queryset(model: type[Model], language: str) -> QuerySet:
    queryset = model._default_manager.all()
    field_names = {f.name for f in model._meta.get_fields()}
    if "locale" in field_names:
        locale = Locale.objects.filter(language_code=language).first()
        queryset = queryset.filter(locale=locale)
    if "live" in field_names:
        queryset = queryset.filter(live=True)
    return queryset


def exact_first(hits: list[Model], query: str) -> list[Model]:
    """Put hits whose title contains the query as typed (with its diacritics) first, stably.

    The backends fold text, so "Hà Nội" and "Hạ Nội" score the same; a person who typed the
    marks meant one of them.
    """
    typed = query.strip().lower()
    if not typed or fold_diacritics(typed) == typed:
        return hits

    def exact(hit: Model) -> bool:
        return typed in str(getattr(hit, "title", hit)).lower()

    return sorted(hits, key=lambda hit: not exact(hit))


def site_search(
    department: Any, query: str, language: str, limit: int = 20, offset: int = 0
) -> SearchHits:
    """Search `department`'s site in `language`: its pages first, then the shared library."""
    query = query.strip()
    if not query:
        return SearchHits()
    pages = list(department_pages(department, language).search(query)[:RERANK_WINDOW])
    hits: list[Model] = exact_first(pages, query)
    for model in shared_models():
        hits.extend(
            exact_first(
                # The backend searches any indexed model's queryset, with or without .search().
                list(
                    get_search_backend().search(query, _shared_queryset(model, language))[
                        :RERANK_WINDOW
                    ]
                ),
                query,
            )
        )
    window = hits[offset : offset + limit]
    specific = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[h.pk for h in window if isinstance(h, Page)]
        ).specific()
    }
    results = [specific.get(h.pk, h) if isinstance(h, Page) else h for h in window]
    return SearchHits(results=results, total=len(hits))
