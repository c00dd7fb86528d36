"""The folding backend on PostgreSQL full text (with the `vietnamese_unaccent` configuration)."""

from django.contrib.postgres.search import SearchQuery

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme

from search.backends import FoldingBackendMixin, FoldingIndexMixin
from search.forgive import Alternatives


def balanced(combine, items: list):
    """`items` combined pairwise into a tree of depth log2(n): Django compiles combined
    expressions recursively, so a chain of a few thousand lexemes would exhaust the stack."""
    while len(items) > 1:
        pairs = [combine(a, b) for a, b in zip(items[::2], items[1::2], strict=False)]
        items = pairs + (items[-1:] if len(items) % 2 else [])
    return items[0]


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
            return SearchQuery(balanced(combine, lexemes), search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class FoldingPostgresSearchBackend(FoldingBackendMixin, PostgresSearchBackend):
    index_class = FoldingPostgresIndex
    query_compiler_class = ForgivingPostgresSearchQueryCompiler
