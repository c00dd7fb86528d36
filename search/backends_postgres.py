"""The folding backend on PostgreSQL full text (with the `vietnamese_unaccent` configuration)."""

from functools import reduce

from django.contrib.postgres.search import SearchQuery

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme

from search.backends import FoldingBackendMixin, FoldingIndexMixin
from search.forgive import Alternatives


class FoldingPostgresIndex(FoldingIndexMixin, PostgresIndex):
    """Indexes each value with its folded form."""


class ForgivingPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Compiles `search.forgive.Alternatives`: an OR of lexemes ('a b' is a phrase, 'a':* a prefix)."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Alternatives):
            lexemes = [
                Lexeme(text, invert=invert, prefix=prefix) for text, prefix in query.all_forms()
            ]
            combine = (lambda a, b: a & b) if invert else (lambda a, b: a | b)
            return SearchQuery(reduce(combine, lexemes), search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class FoldingPostgresSearchBackend(FoldingBackendMixin, PostgresSearchBackend):
    index_class = FoldingPostgresIndex
    query_compiler_class = ForgivingPostgresSearchQueryCompiler
