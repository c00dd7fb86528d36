"""Search backends that understand Vietnamese typed with or without diacritics.

People type "thu tuc hai quan" on phones. SQLite FTS5 (unicode61) strips most marks but
keeps "đ" as its own letter, and PostgreSQL's "simple" configuration keeps every mark. So
the portal's backends fold text themselves, the same way on every database:

* index time: each indexed value is stored as itself followed by its folded form
  ("Đà Nẵng Da Nang"), so both spellings are tokens in the index;
* query time: the query is folded ("Đà N" -> "Da N"), so it always meets the folded tokens.

The exact-diacritic ranking is restored by `search.query.site_search`, which re-ranks.
Elasticsearch gets the same behaviour from folding analyzers (see `ELASTICSEARCH_ANALYSIS`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from typing import Any

from django.db import connection

from modelsearch import query as search_query
from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as _database_backend_for_connection

from search.text import fold_diacritics

_INDEXER_LOCK = threading.RLock()
# PostgreSQL's parser keeps "85/2019/nd-cp" as one file-path token; FTS5 splits it. Splitting on
# punctuation ourselves makes legal numbers and procedure codes match the same on every database.
_PUNCTUATION = re.compile(r"[^\w\s]+")


def _fold(text: str) -> str:
    return _PUNCTUATION.sub(" ", fold_diacritics(text))


def fold_for_index(value: str) -> str:
    """Return `value` followed by its folded form when folding changes it."""
    folded = _fold(value)
    return value if folded == value else f"{value} {folded}"


def fold_query(query: Any) -> Any:
    """Fold a query string or a modelsearch query object (recursively)."""
    if isinstance(query, str):
        return _fold(query)
    if isinstance(query, search_query.PlainText | search_query.Phrase | search_query.Fuzzy):
        query = deepcopy(query)
        query.query_string = _fold(query.query_string)
        return query
    if isinstance(query, search_query.And | search_query.Or):
        query = deepcopy(query)
        query.subqueries = [fold_query(sub) for sub in query.subqueries]
        return query
    if isinstance(query, search_query.Not | search_query.Boost):
        query = deepcopy(query)
        query.subquery = fold_query(query.subquery)
        return query
    return query


def _folding_indexer(base: type) -> type:
    class FoldingObjectIndexer(base):  # type: ignore[misc, valid-type]
        def prepare_value(self, value: Any) -> str:
            return fold_for_index(super().prepare_value(value))

    return FoldingObjectIndexer


@contextmanager
def _indexer_swapped(module: Any) -> Iterator[None]:
    """Use the folding indexer while the database index builds its rows.

    modelsearch's database indexes build `ObjectIndexer(obj, backend)` from their module
    global with no hook to replace it; swapping it under a lock is the narrowest change.
    """
    with _INDEXER_LOCK:
        original = module.ObjectIndexer
        module.ObjectIndexer = _folding_indexer(original)
        try:
            yield
        finally:
            module.ObjectIndexer = original


class _FoldingBackendMixin:
    """Fold queries before compiling them; fold values while indexing them."""

    def _search(
        self, query_compiler_class: Any, query: Any, model_or_queryset: Any, **kwargs: Any
    ) -> Any:
        folded = fold_query(query)
        text = folded if isinstance(folded, str) else getattr(folded, "query_string", "x")
        if not text.strip():  # only punctuation or symbols: nothing to match, never an SQL error
            return EmptySearchResults()
        return super()._search(query_compiler_class, folded, model_or_queryset, **kwargs)  # type: ignore[misc]


def _folding_index(index_class: type, module: Any) -> type:
    class FoldingIndex(index_class):  # type: ignore[misc, valid-type]
        def add_items(self, model: Any, objs: Any) -> Any:
            with _indexer_swapped(module):
                return super().add_items(model, objs)

    return FoldingIndex


def _folding_database_backend(base: type, module: Any) -> type:
    return type(
        f"Folding{base.__name__}",
        (_FoldingBackendMixin, base),
        {"index_class": _folding_index(base.index_class, module)},
    )


def SearchBackend(params: dict[str, Any]) -> Any:
    """The database backend for the current database vendor, with Vietnamese folding."""
    backend = _database_backend_for_connection(dict(params))
    base = type(backend)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres as module

        # Created by migration portal_search 0001 (PostgreSQL only): simple + unaccent.
        params = {"SEARCH_CONFIG": "vietnamese_unaccent", **params}
    elif connection.vendor == "sqlite" and base.__module__.endswith("sqlite.sqlite"):
        from modelsearch.backends.database.sqlite import sqlite as module
    else:  # the LIKE fallback: folding the query alone cannot help, keep it as is
        return backend
    return _folding_database_backend(base, module)(params)


# --- Elasticsearch -------------------------------------------------------------------------------

_FOLD_CHAR_FILTER = {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
_FOLD_FILTERS = ["lowercase", "asciifolding_keep"]

ELASTICSEARCH_ANALYSIS: dict[str, Any] = {
    "char_filter": {"vietnamese_d": _FOLD_CHAR_FILTER},
    "filter": {
        "asciifolding_keep": {"type": "asciifolding", "preserve_original": True},
        "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15},
        "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
    },
    "analyzer": {
        # "default" is what Elasticsearch uses for every text field without its own analyzer,
        # at index and at search time: "Hà Nội" -> hà, ha, nội, noi; "đường" -> duong.
        "default": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["vietnamese_d"],
            "filter": _FOLD_FILTERS,
        },
        "ngram_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["vietnamese_d"],
            "filter": ["lowercase", "asciifolding", "ngram"],
        },
        "edgengram_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["vietnamese_d"],
            "filter": ["lowercase", "asciifolding", "edgengram"],
        },
    },
}
