"""The folding backend on PostgreSQL full text (with the `vietnamese_unaccent` configuration)."""

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

from search.backends import FoldingBackendMixin, FoldingIndexMixin


class FoldingPostgresIndex(FoldingIndexMixin, PostgresIndex):
    """Indexes each value with its folded form."""


class FoldingPostgresSearchBackend(FoldingBackendMixin, PostgresSearchBackend):
    index_class = FoldingPostgresIndex
