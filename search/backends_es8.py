"""Elasticsearch 8 backend whose analyzers fold Vietnamese diacritics (đ → d included).

Separate from `search.backends` so that the database setup never imports the elasticsearch client.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
)

from search.backends import ELASTICSEARCH_ANALYSIS


class VietnameseElasticsearch8Mapping(Elasticsearch8Mapping):
    """Autocomplete: edge n-grams of folded text, searched with the folding default analyzer."""

    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default"}


class VietnameseElasticsearch8Index(Elasticsearch8Index):
    mapping_class = VietnameseElasticsearch8Mapping


class VietnameseElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    """Every text field is analysed by the folding "default" analyzer at index and search time."""

    mapping_class = VietnameseElasticsearch8Mapping
    index_class = VietnameseElasticsearch8Index
    settings = deepcopy(Elasticsearch8SearchBackend.settings)
    settings["settings"]["analysis"] = deepcopy(ELASTICSEARCH_ANALYSIS)


SearchBackend = VietnameseElasticsearch8SearchBackend
