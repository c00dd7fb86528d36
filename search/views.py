"""The search page of every department's site: /<language>/search/?q=…"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from search.highlight import highlight
from search.models import EditorsPick, PopularQuery, ZeroResultQuery, normalise_query
from search.query import (
    MIN_SUGGEST_LENGTH,
    RERANK_WINDOW,
    SUGGESTIONS,
    department_pages,
    site_autocomplete,
    site_search,
)
from sites.http import DepartmentRequest, request_department
from sites.models import Department

PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_OTHER_SITES = 5
MAX_OTHER_SITES_CHECKED = 80
FACETS = ("type", "category", "year")


def _kind(hit: Any) -> str:
    return str(hit._meta.verbose_name)


def _type(hit: Any) -> str:
    """The content-type facet's value: the model's label, the same in every language."""
    return hit._meta.label_lower


def _year(hit: Any) -> str:
    when = getattr(hit, "search_date", None) or getattr(hit, "first_published_at", None)
    return str(when.year) if isinstance(when, datetime.date) else ""


def _category(hit: Any) -> str:
    """The category's label in the page's language (never a raw choice code such as `border`)."""
    category = getattr(hit, "search_category", None)
    if not category:
        display = getattr(hit, "get_category_display", None)
        category = display() if callable(display) else getattr(hit, "category", None)
    return str(category) if category else ""


EXTRACT = {"type": _type, "category": _category, "year": _year}


def _snippet(hit: Any) -> str:
    for name in ("search_snippet", "teaser", "search_description"):
        text = getattr(hit, name, "")
        if text:
            return str(text)
    return ""


def _url(hit: Any, request: DepartmentRequest, site: Site) -> str:
    """The hit's URL on the request's site (shared items have one per department's site)."""
    if isinstance(hit, Page):
        return hit.get_url(request) or ""
    get_url_for_site = getattr(hit, "get_url_for_site", None)
    if get_url_for_site is None:
        return ""
    return get_url_for_site(site, request) or ""


def _querystring(params: dict[str, str], **changes: str) -> str:
    """`?…` of the search with `changes` applied; empty values are left out."""
    merged = {**params, **changes}
    return "?" + urlencode({name: value for name, value in merged.items() if value})


def _no_results_help(
    request: DepartmentRequest, department: Department, query: str, language: str
) -> dict[str, Any]:
    """What a search that found nothing offers instead: close titles, the library, other sites.

    Only public data: other departments' live public pages in this language (`department_pages`),
    and of those only the site's name and a link to the same search there.
    """
    # The library's index page type, by name: search is below the content apps (no import).
    ProcedureIndexPage = apps.get_model("library", "ProcedureIndexPage")

    # A typo in the last letters ("hoàn thế") still shares its beginning with the right words.
    stem = query[:-2].strip() if len(query) > 4 else query
    close = site_autocomplete(department, stem, language, limit=3) if stem else []
    spelling = [
        {"title": str(getattr(hit, "title", hit)), "url": _url(hit, request, department.site)}
        for hit in close
        if _url(hit, request, department.site)
    ]
    library = department_pages(department, language).type(ProcedureIndexPage).first()
    elsewhere = [
        {
            "name": other.name_en if language == "en" and other.name_en else other.name,
            "url": other.site.root_url.rstrip("/")
            + f"/{language}/search/"
            + _querystring({"q": query}),
        }
        for other in _other_sites_with_matches(department, query, language)
    ]
    return {
        "spelling": spelling,
        "library_url": library.get_url(request) if library else "",
        "elsewhere": elsewhere,
    }


def _other_sites_with_matches(
    department: Department, query: str, language: str
) -> list[Department]:
    """The first `MAX_OTHER_SITES` other active departments (by name) whose live public pages
    in `language` match `query`: one search over all their trees, each hit assigned to its
    department by its home page's path (a fixed number of queries, whatever the departments).
    Departments whose matches rank below the first `RERANK_WINDOW` hits are not named."""
    locale = Locale.objects.filter(language_code=language).first()
    others = list(
        Department.objects.active()
        .exclude(pk=department.pk)
        .filter(site__isnull=False)
        .select_related("site")
        .order_by("name")[:MAX_OTHER_SITES_CHECKED]
    )
    if locale is None or not others:
        return []
    by_root = {other.site.root_page_id: other for other in others}
    roots = Page.objects.filter(pk__in=by_root)
    root_of_key = dict(roots.values_list("translation_key", "pk"))
    homes = {  # the home page's path in this language → its department
        path: by_root[root_of_key[key]]
        for path, key in Page.objects.filter(
            locale=locale, translation_key__in=roots.values("translation_key")
        ).values_list("path", "translation_key")
    }
    if not homes:
        return []
    trees = Q()
    for path in homes:
        trees |= Q(path__startswith=path)
    pages = Page.objects.filter(trees, locale=locale).live().public().only("id", "path")
    lengths = sorted({len(path) for path in homes})
    found: set[int] = set()
    for hit in pages.search(query)[:RERANK_WINDOW]:
        for length in lengths:
            other = homes.get(hit.path[:length])
            if other is not None:
                found.add(other.pk)
                break
    return [other for other in others if other.pk in found][:MAX_OTHER_SITES]


def search_view(request: DepartmentRequest) -> HttpResponse:
    """Search the request's department only (its Host), in the language of the URL."""
    department = request_department(request)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    language = (get_language() or "vi").split("-")[0]
    hits = (
        site_search(department, query, language, limit=RERANK_WINDOW * 2).results if query else []
    )
    picks: list[Page] = []
    if query:
        if not request.GET.get("page"):
            PopularQuery.record(department, query)
        picked = EditorsPick.objects.filter(department=department, query=normalise_query(query))
        # Only the department's own live public pages in this language, even if a pick is stale.
        picks = list(
            department_pages(department, language)
            .filter(pk__in=picked.values("page_id"))
            .specific()
        )
        picked_ids = {page.pk for page in picks}
        hits = [hit for hit in hits if not (isinstance(hit, Page) and hit.pk in picked_ids)]
        if not hits and not picks and not request.GET.get("page"):
            ZeroResultQuery.record(department, query, language)

    chosen = {name: request.GET.get(name, "")[:100] for name in FACETS}
    # Each facet counts the hits the *other* chosen facets leave, so its choices combine.
    facets: dict[str, list[dict[str, Any]]] = {}
    for name in FACETS:
        others = [
            hit
            for hit in hits
            if all(EXTRACT[o](hit) == chosen[o] for o in FACETS if o != name and chosen[o])
        ]
        counts = Counter(value for value in (EXTRACT[name](hit) for hit in others) if value)
        labels = {_type(hit): _kind(hit) for hit in others} if name == "type" else {}
        facets[name] = [
            {
                "value": value,
                "label": labels.get(value, value),
                "count": count,
                "selected": chosen[name] == value,
                # Choosing (or clearing) a facet starts again at the first page.
                "url": _querystring(
                    {"q": query, **chosen}, **{name: "" if chosen[name] == value else value}
                ),
            }
            for value, count in sorted(counts.items(), reverse=name == "year")
        ]
    for name, value in chosen.items():
        if value:
            hits = [hit for hit in hits if EXTRACT[name](hit) == value]
    page_obj = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    results = [
        {
            "object": hit,
            "title": highlight(str(getattr(hit, "title", hit)), query),
            "snippet": highlight(_snippet(hit), query),
            "url": _url(hit, request, department.site),
            "kind": _kind(hit),
        }
        for hit in page_obj
    ]
    state = {"q": query, **chosen}
    context = {
        **(_no_results_help(request, department, query, language) if query and not hits else {}),
        "query": query,
        "results": results,
        "page_obj": page_obj,
        "facets": facets,
        "chosen": chosen,
        "open_facets": [name for name, value in chosen.items() if value],
        "clear_facets_url": _querystring({"q": query}) if any(chosen.values()) else "",
        "previous_url": _querystring(state, page=str(page_obj.previous_page_number()))
        if page_obj.has_previous()
        else "",
        "next_url": _querystring(state, page=str(page_obj.next_page_number()))
        if page_obj.has_next()
        else "",
        "department": department,
        "picks": [{"title": p.title, "url": p.get_url(request)} for p in picks],
    }
    return TemplateResponse(request, "search/search.html", context)


def suggest_view(request: DepartmentRequest) -> JsonResponse:
    """As-you-type suggestions for the header search: `/<language>/search/suggest/?q=Da N`.

    The request's department only (its Host), in the URL's language, public live content only
    (the scope of `site_autocomplete`, the same as the search page). Answers
    `{"query": "Da N", "suggestions": [{"title": "Đà Nẵng mở cửa khẩu", "url": "/vi/…",
    "kind": "Trang"}]}`; a query under two characters or a blank one has no suggestions.
    """
    department = request_department(request)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    language = (get_language() or "vi").split("-")[0]
    hits = (
        site_autocomplete(department, query, language, limit=SUGGESTIONS)
        if len(query) >= MIN_SUGGEST_LENGTH
        else []
    )
    suggestions = []
    for hit in hits:
        url = _url(hit, request, department.site)
        if url:
            suggestions.append(
                {"title": str(getattr(hit, "title", hit)), "url": url, "kind": _kind(hit)}
            )
    return JsonResponse({"query": query, "suggestions": suggestions})
