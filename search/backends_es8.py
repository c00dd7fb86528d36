"""Elasticsearch 8 backend whose analyzers fold Vietnamese diacritics (đ → d included).

Separate from `search.backends` so that the database setup never imports the elasticsearch client.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)

from search.backends import ELASTICSEARCH_ANALYSIS
from search.forgive import Alternatives


class VietnameseElasticsearch8Mapping(Elasticsearch8Mapping):
    """Autocomplete: edge n-grams of folded text, searched with the folding default analyzer."""

    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default"}


class VietnameseElasticsearch8Index(Elasticsearch8Index):
    mapping_class = VietnameseElasticsearch8Mapping


class ForgivingElasticsearch8SearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    """Compiles `search.forgive.Alternatives` as the database backends do: any of its forms.

    A word is a `match`, several words a `phrase`, a prefix a `phrase_prefix`; spellings one edit
    away become `fuzziness: 1` on the typed word instead of a list of words.
    """

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        if not isinstance(query, Alternatives):
            return super()._compile_plaintext_query(query, fields, boost)
        names = [field.field_name_with_boost for field in fields]
        should = [
            {
                "multi_match": {
                    "query": text,
                    "fields": names,
                    "type": "phrase_prefix" if prefix else "phrase",
                }
            }
            for text, prefix in query.forms
        ]
        if query.fuzzy:
            should.append(
                {"multi_match": {"query": query.query_string, "fields": names, "fuzziness": 1}}
            )
        compiled = {"bool": {"should": should, "minimum_should_match": 1}}
        if boost != 1.0:
            compiled["bool"]["boost"] = boost
        return compiled


class VietnameseElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    """Every text field is analysed by the folding "default" analyzer at index and search time."""

    mapping_class = VietnameseElasticsearch8Mapping
    index_class = VietnameseElasticsearch8Index
    query_compiler_class = ForgivingElasticsearch8SearchQueryCompiler
    settings = deepcopy(Elasticsearch8SearchBackend.settings)
    settings["settings"]["analysis"] = deepcopy(ELASTICSEARCH_ANALYSIS)


SearchBackend = VietnameseElasticsearch8SearchBackend
