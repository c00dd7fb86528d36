"""View counting through the beacon, most-read and latest lists, related news."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cms.news.factories import news_article_factory
from tests.cms.news.test_news_pages import news_index

pytestmark = pytest.mark.django_db


def view(client, page, times: int = 1) -> None:
    """Views as the article's own site sends them (the beacon is posted to the page's host)."""
    host = page.get_site().hostname
    for _ in range(times):
        assert client.post(f"/beacon/view/{page.pk}/", HTTP_HOST=host).status_code == 204


def test_one_view_costs_at_most_two_sql_statements(client, department):
    hcm = department("HCM")
    article = news_article_factory(news_index(hcm))
    view(client, article)  # the first request of a site also warms the department cache
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/beacon/view/{article.pk}/", HTTP_HOST=hcm.site.hostname)
    assert response.status_code == 204
    assert len(queries) <= 2, [query["sql"] for query in queries]
    assert article.view_days.get().count == 2


def test_beacon_ignores_drafts_and_unknown_pages(client, department):
    draft = news_article_factory(news_index(department("HCM")), publish=False)
    assert client.post(f"/beacon/view/{draft.pk}/").status_code == 404
    assert client.post("/beacon/view/999999/").status_code == 404
    assert client.get(f"/beacon/view/{draft.pk}/").status_code == 405


def test_beacon_of_one_site_does_not_count_another_sites_page(client, department):
    hcm, hn = department("HCM"), department("HN")
    hn_article = news_article_factory(news_index(hn), title="Tin của Hà Nội")
    answer = client.post(f"/beacon/view/{hn_article.pk}/", HTTP_HOST=hcm.site.hostname)
    assert answer.status_code == 404
    assert not hn_article.view_days.exists()
    view(client, hn_article)
    assert hn_article.view_days.get().count == 1


def test_viewed_article_tops_its_own_sites_most_read_and_no_other(client, department):
    hcm, hn = department("HCM"), department("HN")
    quiet = news_article_factory(news_index(hcm), title="Tin ít người đọc")
    popular = news_article_factory(news_index(hcm), title="Tin được đọc nhiều nhất")
    hn_article = news_article_factory(news_index(hn), title="Tin của Hà Nội")
    view(client, quiet, 2)
    view(client, hn_article, 1)
    view(client, popular, 5)
    hcm_home = client.get("/vi/", HTTP_HOST=hcm.site.hostname).content.decode()
    most_read = hcm_home.split('id="most-read-heading"')[1]
    assert most_read.index("Tin được đọc nhiều nhất") < most_read.index("Tin ít người đọc")
    assert "Tin của Hà Nội" not in hcm_home
    hn_home = client.get("/vi/", HTTP_HOST=hn.site.hostname).content.decode()
    assert "Tin được đọc nhiều nhất" not in hn_home


def test_home_and_article_cost_the_same_queries_for_few_or_many_articles(client, department):
    hcm = department("HCM")
    index = news_index(hcm)

    def counts(article) -> tuple[int, int]:
        result = []
        for url in ("/vi/", article.url):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, HTTP_HOST=hcm.site.hostname).status_code == 200
            result.append(len(queries))
        return tuple(result)

    first = news_article_factory(index, title="Tin 1", tags=("cửa khẩu",))
    for day in range(2, 4):
        news_article_factory(index, title=f"Tin {day}", tags=("cửa khẩu",))
        view(client, first)
    counts(first)  # warm per-process caches; measured: home 18, article 21 queries (SQLite)
    few = counts(first)
    for day in range(4, 16):
        page = news_article_factory(index, title=f"Tin {day}", tags=("cửa khẩu",))
        view(client, page)
    many = counts(first)
    assert many == few


def test_related_news_prefers_shared_tags_and_stays_on_the_site(client, department):
    hcm, hn = department("HCM"), department("HN")
    article = news_article_factory(
        news_index(hcm),
        title="Thông quan tại cửa khẩu Mộc Bài",
        tags=("cửa khẩu",),
        category="border",
    )
    news_article_factory(
        news_index(hcm), title="Cửa khẩu Xa Mát", tags=("cửa khẩu",), category="other"
    )
    news_article_factory(news_index(hcm), title="Nháp cửa khẩu", tags=("cửa khẩu",), publish=False)
    news_article_factory(
        news_index(hn), title="Cửa khẩu Hà Nội", tags=("cửa khẩu",), category="border"
    )
    news_article_factory(
        news_index(hcm), title="Không liên quan", category="revenue", date=datetime.date(2026, 1, 1)
    )
    html = client.get(article.url, HTTP_HOST=hcm.site.hostname).content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Cửa khẩu Xa Mát" in related
    assert "Cửa khẩu Hà Nội" not in related
    assert "Nháp cửa khẩu" not in related
    assert "Không liên quan" not in related
