"""The labelled query set (`labelled_queries.tsv`) against the demo's own data, on every database.

The corpus is the demo's: the shared library (`load_demo_library`: real procedures and legal
documents, Vietnamese and English), a department's demo news and its demo questions and answers.
Each query states its expected first results; the test states the threshold it asserts on the
share found in the top 3, and prints the share. Run on PostgreSQL with
`DATABASE_URL=postgres://…`.
"""

from io import StringIO
from pathlib import Path

from django.core.management.base import OutputWrapper
from django.db import connection

import pytest

from cms.demo.consultation import ensure_demo_questions
from cms.demo.departments import DEMO_DEPARTMENTS
from cms.demo.library import load_demo_library
from cms.demo.news import ensure_demo_news
from search.query import site_search

pytestmark = pytest.mark.django_db

QUERY_SET = Path(__file__).with_name("labelled_queries.tsv")
TOP = 3
THRESHOLD = 0.95  # the share of queries whose expected result is in the top 3
# The misses of issue 16 (49 demo queries, 40 found): each is in the set.
ISSUE_MISSES = [
    ("vi", "ngoai qua"),
    ("vi", "contai"),
    ("en", "warehous"),
    ("vi", "1008316"),
    ("vi", "hoàn thế"),
    ("vi", "ma HS"),
    ("vi", "XNK tại chỗ"),
    ("vi", "C/O điện tử"),
    ("vi", "TTHC một cửa"),
    ("en", "REFUNDS"),
    ("en", "authorized economic operator"),
]


def labelled_queries() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in QUERY_SET.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, query, expected = line.split("\t")
        rows.append((language, query, expected.split("|")))
    return rows


def names(hit) -> set[str]:
    """What a hit may be labelled by: its code or number, its title."""
    return {
        str(getattr(hit, "search_identifier", "") or ""),
        str(getattr(hit, "title", "") or ""),
    } - {""}


@pytest.fixture
def demo(department):
    hn = department("HN")
    department("HCM")
    load_demo_library(OutputWrapper(StringIO()))
    demo_hn = next(demo for demo in DEMO_DEPARTMENTS if demo.code == "HN")
    ensure_demo_news(hn, hn.site.root_page.specific, demo_hn)
    ensure_demo_questions(hn)
    return hn


def test_the_query_set_has_sixty_queries_in_both_languages_with_every_miss_of_the_issue():
    rows = labelled_queries()
    assert len(rows) >= 60
    assert {language for language, _, _ in rows} == {"vi", "en"}
    assert all(expected != [""] for _, _, expected in rows)
    typed = {(language, query) for language, query, _ in rows}
    assert [miss for miss in ISSUE_MISSES if miss not in typed] == []


def test_the_labelled_queries_find_their_expected_result_in_the_top_three(demo, capsys):
    rows = labelled_queries()
    misses = []
    for language, query, expected in rows:
        top = site_search(demo, query, language, limit=TOP).results
        found = [names(hit) for hit in top]
        if not any(set(expected) & labels for labels in found):
            misses.append(f"{language} {query!r}: top {[sorted(n) for n in found]}, {expected}")
    share = 1 - len(misses) / len(rows)
    with capsys.disabled():  # the share is printed in every run, not only with -s
        print(  # noqa: T201
            f"\nLabelled queries on {connection.vendor}: {len(rows) - len(misses)}/{len(rows)} "
            f"({share:.1%}) have an expected result in the top {TOP}; threshold {THRESHOLD:.0%}."
        )
        print("\n".join(misses))  # noqa: T201
    assert share >= THRESHOLD, misses
