"""Per-site sitemap, robots.txt, news feed, meta tags and the themed 404/500 pages."""

from django.test import Client, RequestFactory
from django.utils import translation

from wagtail.models import Locale, PageViewRestriction

import pytest

from cms.core.views import server_error
from cms.news.factories import news_article_factory
from sites.models import DepartmentSettings
from tests.cms.news.test_news_pages import news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sites(department):
    """HCM with a live, a draft and a private article; HN with its own article."""
    hcm, hn = department("HCM"), department("HN")
    index = news_index(hcm)
    news_article_factory(index, title="Tin công khai TP.HCM")
    news_article_factory(index, title="Bản nháp TP.HCM", publish=False)
    private = news_article_factory(index, title="Tin nội bộ TP.HCM")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    news_article_factory(news_index(hn), title="Tin Hà Nội")
    return hcm, hn


def test_sitemap_lists_only_the_sites_live_public_pages_with_language_alternates(client, two_sites):
    hcm, _hn = two_sites
    xml = client.get("/sitemap.xml", HTTP_HOST=hcm.site.hostname).content.decode()
    assert "<loc>http://hcm.localhost/vi/tin-tuc/tin-cong-khai-tphcm/</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://hcm.localhost/en/"/>' in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" href="http://hcm.localhost/vi/"/>' in xml
    )
    assert "ban-nhap" not in xml
    assert "tin-noi-bo" not in xml
    assert "hanoi.localhost" not in xml and "tin-ha-noi" not in xml


def test_robots_txt_points_at_the_sites_own_sitemap(client, two_sites):
    hcm, hn = two_sites
    text = client.get("/robots.txt", HTTP_HOST=hcm.site.hostname).content.decode()
    assert "Sitemap: http://hcm.localhost/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "hcm" not in client.get("/robots.txt", HTTP_HOST=hn.site.hostname).content.decode()


def test_news_feed_holds_only_the_sites_live_public_articles(client, two_sites):
    hcm, _hn = two_sites
    response = client.get("/feeds/news/vi.xml", HTTP_HOST=hcm.site.hostname)
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Tin công khai TP.HCM" in xml
    assert "Bản nháp" not in xml and "nội bộ" not in xml and "Tin Hà Nội" not in xml
    assert client.get("/feeds/news/fr.xml", HTTP_HOST=hcm.site.hostname).status_code == 404


def test_pages_carry_meta_description_open_graph_hreflang_and_feed_link(client, department):
    hcm = department("HCM")
    article = news_article_factory(
        news_index(hcm), title="Thông quan 24/7", teaser="Hải quan làm việc cả ngày nghỉ."
    )
    html = client.get(article.url, HTTP_HOST=hcm.site.hostname).content.decode()
    assert '<html lang="vi">' in html
    assert '<meta name="description" content="Hải quan làm việc cả ngày nghỉ.">' in html
    assert '<meta property="og:title" content="Thông quan 24/7">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'type="application/rss+xml"' in html and 'href="/feeds/news/vi.xml"' in html
    home = client.get("/vi/", HTTP_HOST=hcm.site.hostname).content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://hcm.localhost/en/">' in home
    assert '<link rel="alternate" hreflang="x-default" href="http://hcm.localhost/vi/">' in home


def test_404_is_in_the_sites_theme_and_the_urls_language(client, department):
    hcm = department("HCM")
    settings = DepartmentSettings.for_site(hcm.site)
    settings.theme = "high_contrast"
    settings.save()
    vietnamese = client.get("/vi/khong-co-trang-nay/", HTTP_HOST=hcm.site.hostname)
    english = client.get("/en/no-such-page/", HTTP_HOST=hcm.site.hostname)
    assert vietnamese.status_code == 404 and english.status_code == 404
    assert "Không tìm thấy trang" in vietnamese.content.decode()
    assert "Cục Hải quan TP. Hồ Chí Minh" in vietnamese.content.decode()
    assert "themes/high_contrast/css/theme.css" in vietnamese.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "Page not found" in english.content.decode()


def test_500_page_is_themed_and_localized_without_touching_the_database(
    department, django_assert_num_queries
):
    hcm = department("HCM")
    request = RequestFactory().get("/en/", HTTP_HOST=hcm.site.hostname)
    DepartmentSettings.for_request(request)  # loaded earlier in the failing request
    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in html and "Server error" in html
    assert "Ho Chi Minh City Customs Department" in html


def test_500_page_answers_when_nothing_could_be_loaded(db):
    request = RequestFactory().get("/vi/")
    with translation.override("vi"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()


def test_dates_read_dd_mm_yyyy_in_vietnamese_and_spelled_out_in_english(client, department):
    import datetime

    from sites.translation import sync_translation

    hcm = department("HCM")
    article = news_article_factory(
        news_index(hcm), title="Tin ngày 5/2", date=datetime.date(2026, 2, 5)
    )
    english = sync_translation(
        article, Locale.objects.get(language_code="en"), {"title": "News of 5 Feb"}
    )
    vi_html = Client().get(article.url, HTTP_HOST=hcm.site.hostname).content.decode()
    en_html = Client().get(english.url, HTTP_HOST=hcm.site.hostname).content.decode()
    assert ">05/02/2026</time>" in vi_html
    assert ">5 February 2026</time>" in en_html
