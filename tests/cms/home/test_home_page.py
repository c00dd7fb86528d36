"""The department home page: hero, quick links, news lists, and a fixed query count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cms.core.factories import image_factory
from cms.home.factories import home_page_factory
from cms.news.factories import news_article_factory
from sites.models import DepartmentSettings
from tests.cms.news.test_news_pages import news_index

pytestmark = pytest.mark.django_db

#: Measured with 3 and with 30 articles, tags and picks (SQLite; see bench/RESULTS.md), plus
#: the one query for the alerts every public page shows (cms.alerts, issue #19).
HOME_QUERIES = 23
ARTICLE_QUERIES = 22


def test_home_shows_hero_quick_links_highlights_and_contact(client, department):
    hcm = department("HCM")
    home = hcm.site.root_page.specific
    home.hero_text = "Hải quan Việt Nam: chuyên nghiệp, minh bạch, hiệu quả."
    home.hero_image = image_factory(collection=hcm.collection)
    home.quick_links = [
        {
            "type": "link",
            "value": {
                "title": "Dịch vụ công trực tuyến",
                "url": "https://dichvucong.customs.gov.vn/",
                "description": "",
            },
        }
    ]
    home.save_revision().publish()
    settings = DepartmentSettings.for_site(hcm.site)
    settings.hotline = "1900 9299"
    settings.save()
    html = client.get("/vi/", HTTP_HOST=hcm.site.hostname).content.decode()
    assert "Hải quan Việt Nam: chuyên nghiệp, minh bạch, hiệu quả." in html
    assert 'class="hero__image"' in html
    assert 'href="https://dichvucong.customs.gov.vn/"' in html
    assert 'id="contact-heading"' in html and "1900 9299" in html


def test_home_page_factory_publishes_a_home_with_hero_and_links(department):
    page = home_page_factory(title="Trang chủ thử nghiệm")
    assert page.live
    assert page.quick_links[0].value["url"] == "https://dichvucong.customs.gov.vn/"
    assert page.highlights[0].value["title"] == "98% thủ tục trực tuyến"


def grow_news(index, first, count: int, offset: int = 0) -> None:
    """`count` more articles sharing tags with `first`, each picked as related to the next."""
    previous = first
    for number in range(offset, offset + count):
        previous = news_article_factory(
            index,
            title=f"Tin số {number}",
            tags=("cửa khẩu", f"thẻ {number}"),
            category="border",
            related=(previous,),
        )


def queries_for(client, host: str, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_HOST=host).status_code == 200
    return len(queries)


def test_home_and_article_cost_a_fixed_number_of_queries_for_3_or_30_items(
    client, department, django_assert_max_num_queries
):
    hq, hcm = department("HQ"), department("HCM")
    host = hcm.site.hostname
    index = news_index(hcm)
    news_article_factory(news_index(hq), title="Tin toàn ngành", is_national=True)
    first = news_article_factory(index, title="Tin đầu", tags=("cửa khẩu",), category="border")
    grow_news(index, first, 2)
    article = news_article_factory(
        index,
        title="Bài đang đọc",
        tags=("cửa khẩu", "cao điểm", "thông quan"),
        category="border",
        related=(first,),
    )
    for page in (first, article):
        assert client.post(f"/beacon/view/{page.pk}/", HTTP_HOST=host).status_code == 204
    queries_for(client, host, "/vi/")  # warm per-process caches (site root paths, locales)
    queries_for(client, host, article.url)
    few = (queries_for(client, host, "/vi/"), queries_for(client, host, article.url))

    grow_news(index, first, 27, offset=2)
    article.related_links.create(related=first.get_next_siblings().first().specific)
    many = (queries_for(client, host, "/vi/"), queries_for(client, host, article.url))

    assert few == many
    with django_assert_max_num_queries(HOME_QUERIES):
        client.get("/vi/", HTTP_HOST=host)
    with django_assert_max_num_queries(ARTICLE_QUERIES):
        client.get(article.url, HTTP_HOST=host)
