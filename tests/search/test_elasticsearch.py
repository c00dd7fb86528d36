"""Elasticsearch 8: settings, mappings and queries checked without a server; live tests only with one."""

import json
import logging
import os
import urllib.request

from django.test import override_settings

import pytest

from cms.standard.models import StandardPage
from search.backends_es8 import VietnameseElasticsearch8SearchBackend
from search.backends_settings import search_backends
from tests.conftest import add_page

UNREACHABLE = "http://127.0.0.1:9"


def backend(url=UNREACHABLE):
    return VietnameseElasticsearch8SearchBackend(
        {"URLS": [url], "INDEX_PREFIX": "customs_test_", "TIMEOUT": 1}
    )


def test_environment_chooses_elasticsearch_only_when_a_url_is_set():
    assert search_backends("", "x_")["default"]["BACKEND"] == "search.backends"
    es = search_backends("http://es:9200", "customs_staging_")["default"]
    assert es["BACKEND"] == "search.backends_es8"
    assert es["INDEX_PREFIX"] == "customs_staging_"


def test_index_names_carry_the_environment_prefix():
    assert backend().get_index_for_model(StandardPage).name.startswith("customs_test_")


def test_default_analyzer_folds_diacritics_and_d_stroke_and_keeps_the_original():
    analysis = backend().settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["char_filter"] == ["vietnamese_d", "punctuation_space"]
    assert analysis["char_filter"]["punctuation_space"]["type"] == "pattern_replace"
    assert analysis["char_filter"]["vietnamese_d"]["mappings"] == ["đ => d", "Đ => D"]
    assert "asciifolding_keep" in default["filter"]
    assert analysis["filter"]["asciifolding_keep"] == {
        "type": "asciifolding",
        "preserve_original": True,
    }


def test_autocomplete_indexes_folded_edge_ngrams_and_searches_with_the_folding_analyzer():
    analysis = backend().settings["settings"]["analysis"]
    assert analysis["analyzer"]["edgengram_analyzer"]["char_filter"] == [
        "vietnamese_d",
        "punctuation_space",
    ]
    assert "asciifolding" in analysis["analyzer"]["edgengram_analyzer"]["filter"]
    mapping = backend().mapping_class(StandardPage).get_mapping()
    edgengrams = mapping["properties"]["_edgengrams"]
    assert edgengrams["analyzer"] == "edgengram_analyzer"
    assert edgengrams["search_analyzer"] == "default"


@pytest.mark.django_db
def test_generated_query_sends_the_words_as_typed_to_fields_analysed_by_the_folding_analyzer():
    from wagtail.models import Page

    results = backend().search("Thủ tục hải quan", Page.objects.live())
    query = results.query_compiler.get_query()
    match = query["bool"]["must"]["multi_match"]
    assert match["query"] == "Thủ tục hải quan"
    assert "_all_text" in match["fields"]
    mapping = backend().mapping_class(Page).get_mapping()
    assert "analyzer" not in mapping["properties"]["_all_text"]  # so the folding "default" applies


@pytest.mark.django_db
def test_a_failing_search_server_never_makes_a_publish_fail(department, caplog):
    hn = department("HN")
    config = search_backends(UNREACHABLE, "customs_test_")
    config["default"]["TIMEOUT"] = 1
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=config),
        caplog.at_level(logging.ERROR, "modelsearch.index"),
    ):
        page = add_page(
            hn.site.root_page, StandardPage, title="Thông báo khi máy chủ tìm kiếm ngừng", slug="tb"
        )
    page.refresh_from_db()
    assert page.live
    assert "search backend" in caplog.text


def _elasticsearch_answers() -> bool:
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        return False
    try:
        urllib.request.urlopen(url, timeout=2)
    except OSError:
        return False
    return True


@pytest.mark.skipif(
    not _elasticsearch_answers(), reason="no Elasticsearch answers at ELASTICSEARCH_URL"
)
@pytest.mark.django_db
def test_live_elasticsearch_finds_vietnamese_without_diacritics(department):
    hn = department("HN")
    es = backend(os.environ["ELASTICSEARCH_URL"])
    page = add_page(hn.site.root_page, StandardPage, title="Thủ tục hải quan đường bộ", slug="tt")
    es.reset_index()
    es.add_type(StandardPage)
    es.add(page)
    es.refresh_index()
    assert page.pk in [p.pk for p in es.search("thu tuc hai quan duong", StandardPage)]


@pytest.mark.django_db
def test_generated_site_queries_keep_the_department_language_and_live_scope(department):
    from wagtail.models import Locale

    from search.query import department_pages, shared_items, shared_models

    hn = department("HN")
    vi = Locale.objects.get(language_code="vi")
    query = backend().search("Thủ tục", department_pages(hn, "vi")).query_compiler.get_query()
    scope = json.dumps(query["bool"]["filter"])
    assert f'{{"prefix": {{"path_filter": "{hn.site.root_page.path}"}}}}' in scope
    assert f'{{"term": {{"locale_id_filter": {vi.pk}}}}}' in scope
    assert '{"term": {"live_filter": true}}' in scope
    typed = backend().autocomplete("Da N", department_pages(hn, "vi")).query_compiler.get_query()
    assert typed["bool"]["must"] == {"match": {"_edgengrams": {"query": "Da N"}}}
    assert json.dumps(typed["bool"]["filter"]) == scope
    for model in shared_models():
        shared = backend().search("85/2019/NĐ-CP", shared_items(model, "vi"))
        filters = json.dumps(shared.query_compiler.get_query()["bool"]["filter"])
        assert f'{{"term": {{"locale_id_filter": {vi.pk}}}}}' in filters
        assert '{"term": {"live_filter": true}}' in filters


def test_library_codes_and_numbers_are_boosted_text_and_autocomplete_with_folding():
    from cms.library.models import LegalDocument, Procedure

    folded_edgengrams = {
        "type": "text",
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "default",
    }
    for model, field in ((Procedure, "code"), (LegalDocument, "number")):
        properties = backend().mapping_class(model).get_mapping()["properties"]
        # No analyzer of its own: the folding "default" analyzer, boosted like the model says.
        assert properties[field] == {
            "type": "text",
            "copy_to": ["_all_text", "_all_text_boost_3_0"],
        }
        assert properties[f"{field}_edgengrams"] == folded_edgengrams


def test_forgiving_queries_compile_to_phrases_prefixes_and_fuzziness():
    """The same `search.forgive` query as on the databases: any form of each word."""
    from search.backends_es8 import ForgivingElasticsearch8SearchQueryCompiler
    from search.forgive import FUZZY, build_query

    compiled = ForgivingElasticsearch8SearchQueryCompiler(
        StandardPage.objects.all(), build_query("ma HS", "vi")
    ).get_query()
    should = compiled["bool"]["must"]["bool"]["should"]
    assert {"query": "ma hs", "type": "phrase_prefix"}.items() <= should[0]["multi_match"].items()
    assert any(c["multi_match"]["query"] == "phan loai hang hoa" for c in should)
    fuzzy = ForgivingElasticsearch8SearchQueryCompiler(
        StandardPage.objects.all(), build_query("warehous", "en", FUZZY)
    ).get_query()
    clauses = fuzzy["bool"]["must"]["bool"]["should"]
    assert {"query": "warehous", "fuzziness": 1}.items() <= clauses[-1]["multi_match"].items()
