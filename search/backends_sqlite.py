"""The folding backend on SQLite FTS5 (imported only on SQLite: modelsearch's module needs FTS5)."""

from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

from search.backends import FoldingBackendMixin, FoldingIndexMixin


class FoldingSQLiteIndex(FoldingIndexMixin, SQLiteIndex):
    """Indexes each value with its folded form."""


class FoldingSQLiteSearchBackend(FoldingBackendMixin, SQLiteSearchBackend):
    index_class = FoldingSQLiteIndex
