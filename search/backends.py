"""Search backends that understand Vietnamese typed with or without diacritics.

People type "thu tuc hai quan" on phones. SQLite FTS5 (unicode61) strips most marks but
keeps "đ" as its own letter, and PostgreSQL's "simple" configuration keeps every mark. So
the portal's backends fold text themselves, the same way on every database:

* index time: each indexed value is stored as itself followed by its folded form
  ("Đà Nẵng Da Nang"), so both spellings are tokens in the index;
* query time: the query is folded ("Đà N" -> "Da N"), so it always meets the folded tokens.

Both are plain subclasses of modelsearch's database backends: the index classes hand
modelsearch's own indexer a folded view of each object (`FoldedDocument`), and the backends
fold the query before compiling it. Nothing in modelsearch is patched or swapped.

Indexing never breaks the write it follows: each index write runs in a savepoint and the
backends set `catch_indexing_errors`, so when the index cannot be written (a full disk, a lock
timeout, a broken index table) modelsearch logs the error and the publish goes on; the object is
indexed again by the next `update_index`.

The exact-diacritic ranking is restored by `search.query.site_search`, which re-ranks.
Elasticsearch gets the same behaviour from folding analyzers (see `ELASTICSEARCH_ANALYSIS`).
"""

from __future__ import annotations

import re
import unicodedata
from copy import deepcopy
from typing import Any

from django.db import connection, transaction
from django.utils.encoding import force_str

from modelsearch import index
from modelsearch import query as search_query
from modelsearch.backends.base import BaseIndex, BaseSearchBackend, EmptySearchResults

from sites.text import fold_diacritics

# PostgreSQL's parser keeps "85/2019/nd-cp" as one file-path token; FTS5 splits it. Splitting on
# punctuation ourselves makes legal numbers and procedure codes match the same on every database.
_PUNCTUATION = re.compile(r"[^\w\s]+")


def _fold(text: str) -> str:
    return _PUNCTUATION.sub(" ", fold_diacritics(text))


def fold_for_index(value: str) -> str:
    """Return `value` (NFC) followed by its folded form when folding changes it."""
    value = unicodedata.normalize("NFC", value)
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


# --- Index time: a folded view of each object, read by modelsearch's own indexers ----------------


def _as_text(value: Any) -> str:
    """The text modelsearch's indexers make of a field value (lists and dicts joined)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_as_text(item) for item in value.values())
    return "" if value is None else force_str(value)


def _unwrap(obj: Any) -> Any:
    return obj.obj if isinstance(obj, FoldedDocument) else obj


class FoldingSearchField(index.SearchField):
    def __init__(self, field: index.SearchField) -> None:
        super().__init__(field.field_name, boost=field.boost, **field.kwargs)
        self.original = field

    def get_value(self, obj: Any) -> str:
        return fold_for_index(_as_text(self.original.get_value(_unwrap(obj))))


class FoldingAutocompleteField(index.AutocompleteField):
    def __init__(self, field: index.AutocompleteField) -> None:
        super().__init__(field.field_name, **field.kwargs)
        self.original = field

    def get_value(self, obj: Any) -> str:
        return fold_for_index(_as_text(self.original.get_value(_unwrap(obj))))


class FoldingRelatedFields(index.RelatedFields):
    def __init__(self, field: index.RelatedFields) -> None:
        super().__init__(field.field_name, [folding_field(sub) for sub in field.fields])
        self.original = field

    def get_value(self, obj: Any) -> Any:
        return self.original.get_value(_unwrap(obj))


def folding_field(field: Any) -> Any:
    """The folding counterpart of a search field (filter fields are not text: kept as they are)."""
    if isinstance(field, index.SearchField):
        return FoldingSearchField(field)
    if isinstance(field, index.AutocompleteField):
        return FoldingAutocompleteField(field)
    if isinstance(field, index.RelatedFields):
        return FoldingRelatedFields(field)
    return field


class FoldedDocument:
    """What modelsearch's database indexers read of an object: its pk and folding search fields."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj
        self.pk = obj.pk
        self._meta = obj._meta

    def get_search_fields(self) -> list[Any]:
        return [folding_field(field) for field in self.obj.get_search_fields()]


class FoldingIndexMixin(BaseIndex):
    """Before a modelsearch database index (`PostgresIndex`, `SQLiteIndex`)."""

    def add_items(self, model: Any, objs: Any) -> Any:
        return super().add_items(model, [FoldedDocument(obj) for obj in objs])


class FoldingBackendMixin(BaseSearchBackend):
    """Fold queries before compiling them; write the index in a savepoint and never fail a save.

    Before a modelsearch database backend (`PostgresSearchBackend`, `SQLiteSearchBackend`).
    """

    catch_indexing_errors = True

    def _search(
        self, query_compiler_class: Any, query: Any, model_or_queryset: Any, **kwargs: Any
    ) -> Any:
        folded = fold_query(query)
        text = folded if isinstance(folded, str) else getattr(folded, "query_string", "x")
        if not text.strip():  # only punctuation or symbols: nothing to match, never an SQL error
            return EmptySearchResults()
        return super()._search(query_compiler_class, folded, model_or_queryset, **kwargs)

    # A failed index write rolls back its savepoint only, so the caller's transaction (a publish)
    # stays usable on PostgreSQL and modelsearch can log the error and carry on.
    def add(self, obj: Any) -> None:
        with transaction.atomic():
            super().add(obj)

    def add_bulk(self, model: Any, obj_list: Any) -> None:
        with transaction.atomic():
            super().add_bulk(model, obj_list)

    def delete(self, obj: Any) -> None:
        with transaction.atomic():
            super().delete(obj)


def SearchBackend(params: dict[str, Any]) -> Any:
    """The folding database backend for the current database vendor (as modelsearch chooses).

    The vendor modules are imported here, not at the top: modelsearch's SQLite module can only
    be imported on SQLite (it reads the FTS model at import time).
    """
    if connection.vendor == "postgresql":
        from search.backends_postgres import FoldingPostgresSearchBackend

        # Created by migration portal_search 0001 (PostgreSQL only): simple + unaccent.
        return FoldingPostgresSearchBackend({"SEARCH_CONFIG": "vietnamese_unaccent", **params})
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from search.backends_sqlite import FoldingSQLiteSearchBackend

            return FoldingSQLiteSearchBackend(params)
    # The LIKE fallback (no FTS5, other vendors): folding the query alone cannot help.
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)


# --- Elasticsearch -------------------------------------------------------------------------------

_FOLD_CHAR_FILTER = {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
# Punctuation splits words, as in the database backends: "1.008316" is "1 008316" (so "1008316"
# finds it through search.forgive's split phrases) and "85/2019/NĐ-CP" is "85 2019 nd cp".
_PUNCTUATION_CHAR_FILTER = {
    "type": "pattern_replace",
    "pattern": "[^\\p{L}\\p{N}\\s]+",
    "replacement": " ",
}
_CHAR_FILTERS = ["vietnamese_d", "punctuation_space"]
_FOLD_FILTERS = ["lowercase", "asciifolding_keep"]

ELASTICSEARCH_ANALYSIS: dict[str, Any] = {
    "char_filter": {
        "vietnamese_d": _FOLD_CHAR_FILTER,
        "punctuation_space": _PUNCTUATION_CHAR_FILTER,
    },
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
            "char_filter": _CHAR_FILTERS,
            "filter": _FOLD_FILTERS,
        },
        "ngram_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": _CHAR_FILTERS,
            "filter": ["lowercase", "asciifolding", "ngram"],
        },
        "edgengram_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": _CHAR_FILTERS,
            "filter": ["lowercase", "asciifolding", "edgengram"],
        },
    },
}
