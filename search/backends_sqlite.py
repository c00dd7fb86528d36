"""The folding backend on SQLite FTS5 (imported only on SQLite: modelsearch's module needs FTS5)."""

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from search.backends import FoldingBackendMixin, FoldingIndexMixin
from search.forgive import Alternatives


class FoldingSQLiteIndex(FoldingIndexMixin, SQLiteIndex):
    """Indexes each value with its folded form."""


class AnyOf(Lexeme):
    """An FTS5 group of strings, parenthesised: `("a" OR "b c" OR "d"*)` (FTS5's AND binds tighter)."""

    def __init__(self, forms: list[tuple[str, bool]]) -> None:
        super().__init__("")
        self.forms = forms

    def as_sql(self, compiler, connection):
        strings = [
            '"{}"{}'.format(text.replace('"', '""'), "*" if prefix else "")
            for text, prefix in self.forms
        ]
        return "%s", ["(" + " OR ".join(strings) + ")"]


class ForgivingSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """Compiles `search.forgive.Alternatives`: an OR of FTS5 strings ("a b" is a phrase, "a"* a prefix)."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, Alternatives):
            return SearchQueryExpression(AnyOf(query.all_forms()), config=config)
        return super().build_search_query_content(query, config=config)


class FoldingSQLiteSearchBackend(FoldingBackendMixin, SQLiteSearchBackend):
    index_class = FoldingSQLiteIndex
    query_compiler_class = ForgivingSQLiteSearchQueryCompiler
