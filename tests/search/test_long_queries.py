"""A very long query (one 200-letter word, fifty words) is answered at once with no results:
the forgiving query stays bounded (words kept, letters per word, spellings tried), so no
backend builds a query deep enough to raise RecursionError. Run it on PostgreSQL too:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>_db .venv/bin/pytest tests/search/test_long_queries.py`.
"""

import pytest

from cms.standard.models import StandardPage
from search import forgive
from search.query import site_search
from tests.conftest import add_page

pytestmark = pytest.mark.django_db

LONG_WORD = "thongquan" * 22 + "ab"  # 200 letters
# Fifty words the site does not hold (five- to seven-letter ones, so each may have typos).
FIFTY_WORDS = " ".join(["trăng", "những", "phượng", "nghiêng", "thuyền"] * 10)
QUERIES = {"one 200-letter word": LONG_WORD, "fifty words": FIFTY_WORDS}


def forms_in(query) -> int:
    parts = getattr(query, "subqueries", None) or [query]
    return sum(len(part.all_forms()) for part in parts)


@pytest.mark.parametrize("text", QUERIES.values(), ids=QUERIES.keys())
def test_the_forgiving_query_of_a_long_input_stays_small(text):
    assert len(FIFTY_WORDS.split()) == 50 and len(LONG_WORD) == 200
    for tier in (forgive.STRICT, forgive.FUZZY, forgive.ANY_WORD):
        query = forgive.build_query(text, "vi", tier)
        assert query is not None
        assert len(getattr(query, "subqueries", [query])) <= forgive.MAX_WORDS
        assert forms_in(query) <= 2000, tier


def test_control_a_short_typo_still_gets_its_spellings_one_edit_away():
    (slot,) = forgive.slots("thongg", "vi", forgive.FUZZY)
    assert "thong" in slot.fuzzy


@pytest.mark.parametrize("text", QUERIES.values(), ids=QUERIES.keys())
def test_a_long_query_answers_with_no_results(client, department, text):
    hn = department("HN")
    add_page(hn.site.root_page, StandardPage, title="Thông quan tại cửa khẩu", slug="thong-quan")
    assert site_search(hn, text, "vi").total == 0
    page = client.get("/vi/search/", {"q": text}, HTTP_HOST=hn.site.hostname)
    assert page.status_code == 200
    api = client.get("/api/search/", {"q": text[:200]}, HTTP_HOST=hn.site.hostname)
    assert api.status_code == 200
    assert api.json()["meta"]["total_count"] == 0
    # Control: the same site finds the page for its words.
    assert site_search(hn, "thong quan", "vi").total == 1
