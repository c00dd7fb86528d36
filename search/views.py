"""The search page of every department's site: /<language>/search/?q=…"""

from collections import Counter

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from wagtail.models import Page

from search.highlight import highlight
from search.models import EditorsPick, PopularQuery, normalise_query
from search.query import RERANK_WINDOW, department_pages, site_search

PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def _kind(hit: object) -> str:
    return str(hit._meta.verbose_name)  # type: ignore[attr-defined]


def _year(hit: object) -> str:
    published = getattr(hit, "first_published_at", None)
    return str(published.year) if published else ""


def _category(hit: object) -> str:
    category = getattr(hit, "category", None)
    return str(category) if category else ""


def search_view(request: HttpRequest) -> HttpResponse:
    """Search the request's department only (its Host), in the language of the URL."""
    department = getattr(request, "department", None)
    if department is None:
        raise Http404
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
    facets = {
        "type": Counter(_kind(hit) for hit in hits),
        "category": Counter(c for c in (_category(hit) for hit in hits) if c),
        "year": Counter(y for y in (_year(hit) for hit in hits) if y),
    }
    chosen = {name: request.GET.get(name, "") for name in facets}
    extract = {"type": _kind, "category": _category, "year": _year}
    for name, value in chosen.items():
        if value:
            hits = [hit for hit in hits if extract[name](hit) == value]
    page_obj = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    results = [
        {
            "object": hit,
            "title": highlight(str(getattr(hit, "title", hit)), query),
            "snippet": highlight(
                str(getattr(hit, "teaser", "") or getattr(hit, "search_description", "")), query
            ),
            "url": hit.get_url(request) if isinstance(hit, Page) else getattr(hit, "url", ""),
            "kind": _kind(hit),
        }
        for hit in page_obj
    ]
    context = {
        "query": query,
        "results": results,
        "page_obj": page_obj,
        "facets": {name: sorted(counts.items()) for name, counts in facets.items()},
        "chosen": chosen,
        "department": department,
        "picks": [{"title": p.title, "url": p.get_url(request)} for p in picks],
    }
    return TemplateResponse(request, "search/search.html", context)
