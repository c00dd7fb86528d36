"""One department's search: its own live public pages in one language, plus the shared library.

`site_search` is the single entry point of site search: the search page (`search.views`) and the
API's search resource call it, so both apply the same scope and engine::

    site_search(department, query, language, limit=20, offset=0) -> SearchHits

* `department`: a `sites.models.Department` (the request's, from its Host);
* `query`: the text as typed (any case, with or without diacritics; codes such as
  `85/2019/NĐ-CP` or `1.008316` are found exactly);
* `language`: a language code of the install ("vi", "en");
* returns `SearchHits(results, total)`: at most `limit` specific objects from `offset`, the
  department's live public pages in `language` and the live shared items in `language`, best first.

It never returns drafts, private pages (view restrictions), pages of another department's tree
or another language. It works through Wagtail's registries (`Page` and
`index.get_indexed_models()`) and imports no content app. A non-page model joins every
department's search by following the *shared search protocol*:

* `search_shared = True` (class attribute) on an indexed model;
* `get_url_for_site(site, request=None) -> str | None`: where the item is read on `site`
  (each department's site has its own URL for a shared item);
* optional: a `locale` field (the item is searched in its language only), a `live` field (only
  published rows are searched), `search_identifier` (a code or number: an exact match ranks
  first), `search_category`, `search_date` and `search_snippet` (facets and snippets of the
  search page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import JSONField, Model, QuerySet, TextField

from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from search import forgive
from search.forgive import canonical_tones, nfc
from sites.text import fold_diacritics

if TYPE_CHECKING:
    from sites.models import Department

RERANK_WINDOW = 100
# As-you-type suggestions (the header search and /api/search/suggest/): at most this many, and
# none for a query shorter than MIN_SUGGEST_LENGTH characters.
SUGGESTIONS = 8
MIN_SUGGEST_LENGTH = 2
_RANKED_PAGE_FIELDS = ("id", "title", "path", "depth", "content_type", "locale", "translation_key")
_WORDS = re.compile(r"\w+")


@dataclass
class SearchHits:
    """A page of results and the total number of hits (within the re-ranked window)."""

    results: list[Model] = field(default_factory=list)
    total: int = 0


def department_pages(department: Department, language: str | Locale) -> PageQuerySet:
    """Live, public pages of the department's tree in `language`: no drafts, no private pages."""
    locale = (
        language
        if isinstance(language, Locale)
        else Locale.objects.filter(language_code=language).first()
    )
    if locale is None:
        return Page.objects.none()
    # The department's home in this language roots its tree (translations are siblings).
    return Page.objects.filter(department.tree_condition(locale.pk), locale=locale).live().public()


def shared_models() -> list[type[Model]]:
    """Indexed non-page models that every department searches (marked `search_shared = True`)."""
    return [
        model
        for model in index.get_indexed_models()
        if not issubclass(model, Page) and getattr(model, "search_shared", False)
    ]


def shared_items(model: type[Model], language: str | Locale | None) -> QuerySet:
    """The searchable rows of a shared model: live ones, in `language` when it is translatable."""
    queryset = model._default_manager.all()
    field_names = {f.name for f in model._meta.get_fields()}
    if "locale" in field_names:
        locale = (
            language
            if isinstance(language, Locale)
            else Locale.objects.filter(language_code=language).first()
        )
        queryset = queryset.filter(locale=locale)
    if "live" in field_names:
        queryset = queryset.filter(live=True)
    return queryset


def _light(queryset: QuerySet) -> QuerySet:
    """`queryset` without its long text, stream and JSON columns: ranking reads titles and codes.

    The hits kept for a page of results are read again in full (`_complete`).
    """
    heavy = [
        f.name
        for f in queryset.model._meta.concrete_fields
        if isinstance(f, TextField | StreamField | JSONField)
    ]
    return queryset.defer(*heavy) if heavy else queryset


def _words(text: str) -> list[str]:
    return _WORDS.findall(fold_diacritics(nfc(text)).lower())


def _label(hit: Model) -> str:
    return str(getattr(hit, "title", "") or hit)


def rank(hits: list[Model], query: str, language: str = "vi") -> list[Model]:
    """Re-rank the backend's hits (stable: the backend's order breaks ties).

    1. a hit whose identifier (procedure code, document number) is the query, folded, with or
       without its punctuation ("1008316" is "1.008316");
    2. a hit whose title holds the query as typed, diacritics included (NFC, tone marks placed
       alike: "hòa" is "hoà"): the backends fold text, so "Hà Nội" and "Hạ Nội" score the same,
       but a person who typed the marks meant one;
    3. more of the query's words in the title (folded), exactly, before fewer;
    4. a title holding the query's words together, in order (the last one may be a beginning:
       "ngoai qua" is "kho ngoại quan" rather than "quản lý ngoại thương");
    5. more of the query's words in the title in a forgiving form (a word's beginning, a synonym,
       an English stem) before fewer. Spellings one edit away never count: a typo ranks last.
    """
    typed = canonical_tones(query.strip().lower())
    words = _words(query)
    compact = "".join(words)
    with_marks = fold_diacritics(typed) != typed
    query_slots = forgive.slots(query, language)

    def key(hit: Model) -> tuple[bool, bool, float, bool, float]:
        identifier = getattr(hit, "search_identifier", "") or ""
        exact_id = bool(identifier) and "".join(_words(identifier)) == compact
        title = _label(hit)
        exact_marks = with_marks and typed in canonical_tones(title.lower())
        title_list = _words(title)
        title_words = set(title_list)
        together = f" {' '.join(words)}" in f" {' '.join(title_list)}"
        coverage = sum(word in title_words for word in words) / len(words) if words else 0
        forgiving = sum(forgive.slot_matches(slot, title_words, language) for slot in query_slots)
        return (not exact_id, not exact_marks, -coverage, not together, -forgiving)

    return sorted(hits, key=key)


def _model_of(hit: Model) -> type[Model]:
    if isinstance(hit, Page):
        return Page
    return type(hit)._meta.concrete_model or type(hit)  # a proxy's rows are its concrete model's


def _complete(window: list[Model]) -> list[Model]:
    """The hits of a page of results in full: pages as their specific type, other items with every column.

    One query per model among the hits (plus one per specific page type), whatever their number.
    """
    wanted: dict[type[Model], list[Any]] = {}
    for hit in window:
        wanted.setdefault(_model_of(hit), []).append(hit.pk)
    full: dict[tuple[type[Model], Any], Model] = {}
    for model, pks in wanted.items():
        queryset = model._default_manager.filter(pk__in=pks)
        if isinstance(queryset, PageQuerySet):
            queryset = queryset.specific()
        for obj in queryset:
            full[(model, obj.pk)] = obj
    return [full.get((_model_of(hit), hit.pk), hit) for hit in window]


def _search_tier(search_query: Any, locale: Locale, pages: PageQuerySet) -> list[Model]:
    """Every hit of one query: the department's pages, then each shared model's (one query each)."""
    hits: list[Model] = list(pages.search(search_query)[:RERANK_WINDOW])
    backend = get_search_backend()
    for model in shared_models():
        items = _light(shared_items(model, locale))
        hits.extend(backend.search(search_query, items)[:RERANK_WINDOW])
    return hits


def site_search(
    department: Department, query: str, language: str, limit: int = 20, offset: int = 0
) -> SearchHits:
    """Search `department`'s site in `language`: its pages and the shared library, best first.

    Forgiving (`search.forgive`): the last word is a prefix, codes match without punctuation,
    synonyms and (on English pages) stems count. Only when that finds nothing are spellings one
    edit away tried (words of five letters or more), and then any one of the words instead of all.
    """
    query = nfc(query).strip()
    if not query or not _words(query):
        return SearchHits()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return SearchHits()
    # Ranking reads titles only; the page of results is re-read as specific pages below.
    pages = department_pages(department, locale).only(*_RANKED_PAGE_FIELDS)
    hits: list[Model] = []
    tiers = [forgive.STRICT]
    if forgive.has_fuzzy_words(query):
        tiers.append(forgive.FUZZY)
    if len(forgive.slots(query, language)) > 1:
        tiers.append(forgive.ANY_WORD)
    for tier in tiers:
        hits = _search_tier(forgive.build_query(query, language, tier), locale, pages)
        if hits:
            break
    ranked = rank(hits, query, language)
    return SearchHits(results=_complete(ranked[offset : offset + limit]), total=len(ranked))


def site_autocomplete(
    department: Department, prefix: str, language: str, limit: int = 10
) -> list[Model]:
    """As-you-type suggestions ("Da N" finds "Đà Nẵng") in the same scope as `site_search`."""
    prefix = nfc(prefix).strip()
    if not prefix or not _words(prefix):
        return []
    hits: list[Model] = list(department_pages(department, language).autocomplete(prefix)[:limit])
    backend = get_search_backend()
    for model in shared_models():
        hits.extend(backend.autocomplete(prefix, _light(shared_items(model, language)))[:limit])
    return _complete(rank(hits, prefix, language)[:limit])
