"""Which search backend this environment uses; imported by settings, so it imports nothing of Django."""

from typing import Any


def search_backends(elasticsearch_url: str, index_prefix: str) -> dict[str, dict[str, Any]]:
    """WAGTAILSEARCH_BACKENDS for this environment: Elasticsearch 8 when a URL is set, else the database."""
    if elasticsearch_url:
        return {
            "default": {
                "BACKEND": "search.backends_es8",
                "URLS": [elasticsearch_url],
                "INDEX_PREFIX": index_prefix,
                "TIMEOUT": 5,
                "OPTIONS": {},
                "INDEX_SETTINGS": {},
            }
        }
    return {"default": {"BACKEND": "search.backends"}}
