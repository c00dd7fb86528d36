"""`/api/news/`: a department's news in one request per screen, fields chosen by the client."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

import pytest

from cms.news.factories import news_article_factory
from cms.news.models import NewsIndexPage, PageViewDay
from sites.translation import translate_page

pytestmark = pytest.mark.django_db


def news_index_of(department):
    root = department.site.root_page
    return NewsIndexPage.objects.child_of(root).get()


@pytest.fixture
def newsroom(department):
    """HCM with three articles (one translated, one with an image, one draft); HN with one."""
    hcm, hn = department("HCM"), department("HN")
    index = news_index_of(hcm)
    image = get_image_model().objects.create(
        title="Cửa khẩu Mộc Bài", file=get_test_image_file(), collection=hcm.collection
    )
    revenue = news_article_factory(
        index,
        title="Thu ngân sách vượt chỉ tiêu quý III",
        date=datetime.date(2026, 10, 1),
        category="revenue",
        tags=("thu-ngan-sach",),
        teaser="Cục Hải quan TP.HCM thu vượt dự toán.",
        lead_image=image,
    )
    border = news_article_factory(
        index,
        title="Cửa khẩu thông suốt dịp Tết",
        date=datetime.date(2026, 11, 1),
        category="border",
        tags=("cua-khau",),
    )
    draft = news_article_factory(index, title="Bản nháp tin", publish=False)
    english = translate_page(
        revenue,
        Locale.objects.get(language_code="en"),
        {"title": "Revenue beats the third-quarter target", "slug": "revenue-q3"},
    )
    other = news_article_factory(news_index_of(hn), title="Tin Hà Nội", category="revenue")
    return {
        "host": hcm.site.hostname,
        "hn_host": hn.site.hostname,
        "revenue": revenue,
        "border": border,
        "draft": draft,
        "english": english,
        "other": other,
        "image": image,
        "index": index,
    }


def get(client, host, path="/api/news/", **params):
    return client.get(path, params, HTTP_HOST=host)


def test_list_shows_the_departments_live_articles_in_the_language_newest_first(client, newsroom):
    data = get(client, newsroom["host"]).json()
    assert [item["title"] for item in data["items"]] == [
        "Cửa khẩu thông suốt dịp Tết",
        "Thu ngân sách vượt chỉ tiêu quý III",
    ]
    assert data["meta"]["total_count"] == 2
    assert {item["locale"] for item in data["items"]} == {"vi"}
    assert all(item["fallback"] is False for item in data["items"])


def test_list_item_has_a_thumbnail_rendition_from_the_allow_list(client, newsroom):
    data = get(client, newsroom["host"], thumbnail="square", thumbnail_format="webp").json()
    revenue = next(i for i in data["items"] if i["id"] == newsroom["revenue"].pk)
    assert revenue["thumbnail"]["url"].endswith(".webp")
    assert (revenue["thumbnail"]["width"], revenue["thumbnail"]["height"]) == (200, 200)
    assert next(i for i in data["items"] if i["id"] == newsroom["border"].pk)["thumbnail"] is None
    bad = get(client, newsroom["host"], thumbnail="999x999")
    assert bad.status_code == 400 and bad.json()["parameter"] == "thumbnail"


def test_fields_are_chosen_by_the_client(client, newsroom):
    data = get(client, newsroom["host"], fields="title,tags").json()
    assert set(data["items"][0]) == {"id", "title", "tags"}
    everything = get(client, newsroom["host"], fields="*").json()["items"][0]
    assert {"translations", "html_url", "category", "thumbnail"} <= set(everything)
    unknown = get(client, newsroom["host"], fields="title,password")
    assert unknown.status_code == 400
    assert unknown.json()["parameter"] == "fields"
    assert "password" in unknown.json()["detail"]


def test_filters_by_category_tag_and_date_range(client, newsroom):
    host = newsroom["host"]

    def ids(**params):
        return [item["id"] for item in get(client, host, **params).json()["items"]]

    assert ids(category="border") == [newsroom["border"].pk]
    assert ids(tag="thu-ngan-sach") == [newsroom["revenue"].pk]
    assert ids(date_from="2026-10-15") == [newsroom["border"].pk]
    assert ids(date_to="2026-10-15") == [newsroom["revenue"].pk]
    assert ids(date_from="2026-12-01") == []
    for name, value in (("category", "sport"), ("date_from", "hôm qua"), ("order", "oldest")):
        response = get(client, host, **{name: value})
        assert response.status_code == 400
        assert response.json()["parameter"] == name


def test_most_read_orders_by_views_of_the_last_30_days(client, newsroom):
    today = timezone.localdate()
    PageViewDay.objects.create(page=newsroom["revenue"], date=today, count=5)
    PageViewDay.objects.create(page=newsroom["border"], date=today, count=2)
    # Old views do not count.
    PageViewDay.objects.create(
        page=newsroom["border"], date=today - datetime.timedelta(days=60), count=100
    )
    data = get(client, newsroom["host"], order="most_read").json()
    assert [item["id"] for item in data["items"]] == [newsroom["revenue"].pk, newsroom["border"].pk]


def test_english_list_links_translations_and_falls_back_to_vietnamese_when_asked(client, newsroom):
    english = get(client, newsroom["host"], locale="en", fields="title,locale,translations").json()
    assert [i["title"] for i in english["items"]] == ["Revenue beats the third-quarter target"]
    assert english["items"][0]["translations"][0]["id"] == newsroom["revenue"].pk
    mixed = get(client, newsroom["host"], locale="en", fallback="vi", fields="title,fallback")
    items = {i["title"]: i["fallback"] for i in mixed.json()["items"]}
    assert items == {
        "Revenue beats the third-quarter target": False,
        "Cửa khẩu thông suốt dịp Tết": True,
    }


def test_detail_has_body_and_translation_and_hides_drafts_and_other_departments(client, newsroom):
    host = newsroom["host"]
    detail = get(client, host, f"/api/news/{newsroom['revenue'].pk}/").json()
    assert detail["title"] == "Thu ngân sách vượt chỉ tiêu quý III"
    assert detail["body"] == []
    assert detail["lead_image"]["id"] == newsroom["image"].pk
    english = get(client, host, f"/api/news/{newsroom['revenue'].pk}/", locale="en").json()
    assert english["id"] == newsroom["english"].pk
    by_id = get(client, host, f"/api/news/{newsroom['english'].pk}/").json()
    assert by_id["locale"] == "en" and by_id["fallback"] is False
    for article in (newsroom["draft"], newsroom["other"]):
        response = get(client, host, f"/api/news/{article.pk}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    no_translation = get(client, host, f"/api/news/{newsroom['border'].pk}/", locale="en")
    assert no_translation.status_code == 404
    fallback = get(
        client, host, f"/api/news/{newsroom['border'].pk}/", locale="en", fallback="vi"
    ).json()
    assert fallback["fallback"] is True and fallback["locale"] == "vi"


def test_a_list_screen_costs_the_same_queries_for_20_and_100_items(client, newsroom):
    index = newsroom["index"]
    for number in range(110):
        news_article_factory(
            index,
            title=f"Tin số {number}",
            tags=("tin",),
            lead_image=newsroom["image"],
        )
    host = newsroom["host"]
    params = {"fields": "*", "thumbnail_format": "webp"}
    get(client, host, limit=100, **params)  # renditions are made once, on the first request

    def queries(limit: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(
                "/api/news/", {"limit": limit, **params}, HTTP_HOST=host, HTTP_AUTHORIZATION="x"
            )  # Authorization bypasses the response cache
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        return len(captured)

    assert queries(20) == queries(100)
    assert queries(100) <= 15
