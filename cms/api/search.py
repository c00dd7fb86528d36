"""`/api/search/`: the site search of the Host's department (`search.query.site_search`: the
same scope and engine as the search page) — its public pages in one language, then the
shared library's procedures and legal documents."""

from __future__ import annotations

from typing import Annotated

from wagtail.models import Page

from pydantic import StringConstraints

from search.query import MIN_SUGGEST_LENGTH, SUGGESTIONS

from .department import page_link
from .http import LIMIT_DEFAULT, LIMIT_MAX, Digits, Endpoint, Field, Query, Schema
from .scope import Language, Scope

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class SearchQuery(Query):
    q: Words = Field(description="Words to find (diacritics optional).")
    locale: Language | None = Field(
        None, description="Language of the pages; default from Accept-Language, then vi."
    )
    limit: Digits = Field(LIMIT_DEFAULT, ge=0, le=LIMIT_MAX, description="Page size.")
    offset: Digits = Field(0, ge=0, le=999_999_999, description="Results to skip.")


class SearchHit(Schema):
    """A page of this site (`type` its page model) or a library item (`library.Procedure`,
    `library.LegalDocument`), with this site's `html_url`."""

    id: int
    title: str
    slug: str
    locale: Language
    type: str = Field(description="The model: a page type (`news.NewsArticlePage`) or library.*.")
    teaser: str
    detail_url: str = Field(description="The item in this API.")
    html_url: str | None = Field(description="The item on this site; null when it has none.")


class SearchMeta(Schema):
    total_count: int
    query: str = Field(description="The words searched for, as the server read them.")
    locale: Language


class SearchResults(Schema):
    meta: SearchMeta
    items: list[SearchHit] = Field(description="Pages first, then library items.")


search = Endpoint("/api/search/", name="search")


@search.get(
    summary="Search this site",
    description=(
        "This site's public pages in the language, then the shared library's procedures and "
        "legal documents — the same scope and engine as the site's search page."
    ),
    tag="search",
    query=SearchQuery,
    response=SearchResults,
)
def site_search(scope: Scope, query: SearchQuery) -> dict:
    from search.query import site_search as run_search

    from .library import library_item_link

    hits = run_search(
        scope.department, query.q, scope.language, limit=query.limit, offset=query.offset
    )
    items = []
    for hit in hits.results:
        if isinstance(hit, Page):
            items.append(
                {
                    **page_link(scope, hit),
                    "type": hit._meta.label,
                    "teaser": getattr(hit, "teaser", ""),
                }
            )
        else:
            items.append(library_item_link(scope, hit))
    return {
        "meta": {"total_count": hits.total, "query": query.q, "locale": scope.language},
        "items": items,
    }


class SuggestQuery(Query):
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = Field(
        description=(
            "What the reader has typed so far; the last word may be the beginning of a word "
            "(`Da N` finds `Đà Nẵng`). Under two characters there are no suggestions."
        )
    )
    locale: Language | None = Field(
        None, description="Language of the pages; default from Accept-Language, then vi."
    )
    limit: Digits = Field(SUGGESTIONS, ge=1, le=SUGGESTIONS, description="Most suggestions.")


class Suggestion(Schema):
    """A page of this site or a library item whose title begins like the query."""

    id: int
    title: str
    slug: str
    locale: Language
    type: str = Field(description="The model: a page type (`news.NewsArticlePage`) or library.*.")
    detail_url: str = Field(description="The item in this API.")
    html_url: str | None = Field(description="The item on this site; null when it has none.")


class Suggestions(Schema):
    query: str = Field(description="The words completed, as the server read them.")
    locale: Language
    items: list[Suggestion] = Field(description="Best first, at most `limit`.")


suggest = Endpoint("/api/search/suggest/", name="search_suggest")


@suggest.get(
    summary="Suggestions as you type",
    description=(
        "Titles completing what the reader has typed — the header search's suggestions "
        "(`/<language>/search/suggest/`), in the same scope as the site search: this site's "
        "public pages in the language, then the shared library."
    ),
    tag="search",
    query=SuggestQuery,
    response=Suggestions,
)
def search_suggest(scope: Scope, query: SuggestQuery) -> dict:
    from search.query import site_autocomplete

    from .library import library_item_link

    hits = (
        site_autocomplete(scope.department, query.q, scope.language, limit=query.limit)
        if len(query.q) >= MIN_SUGGEST_LENGTH
        else []
    )
    items = []
    for hit in hits:
        if isinstance(hit, Page):
            items.append({**page_link(scope, hit), "type": hit.specific_class._meta.label})
        else:
            link = library_item_link(scope, hit)
            link.pop("teaser")
            items.append(link)
    return {"query": query.q, "locale": scope.language, "items": items}
