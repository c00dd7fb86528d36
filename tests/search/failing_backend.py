"""A search backend whose index writes fail in the database, as a broken index table would.

Used by tests/search/test_update_index.py through WAGTAILSEARCH_BACKENDS; on PostgreSQL the
failed statement aborts the transaction it runs in, unless the backend isolated it.
"""

from typing import Any

from django.db import connection

from search.backends import SearchBackend as folding_backend


def SearchBackend(params: dict[str, Any]) -> Any:
    base = type(folding_backend(params))

    class BrokenIndex(base.index_class):  # type: ignore[name-defined, misc]
        def add_items(self, model: Any, objs: Any) -> None:
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO portal_search_missing_table (id) VALUES (1)")

    broken = type(f"Broken{base.__name__}", (base,), {"index_class": BrokenIndex})
    return broken(params)
