"""Related news (editor's picks first), HQ's national news, ASCII tag URLs."""

import datetime

from django.core.exceptions import ValidationError

import pytest

from cms.news.factories import news_article_factory
from cms.news.models import (
    NewsArticlePage,
    NewsRelatedLink,
    NewsTag,
    national_news,
    related_news,
)
from tests.cms.news.test_news_pages import news_index

pytestmark = pytest.mark.django_db


def titles(pages) -> list[str]:
    return [page.title for page in pages]


def test_related_news_lists_editors_picks_first_in_their_order(department):
    hcm = department("HCM")
    index = news_index(hcm)
    same_tag = news_article_factory(
        index, title="Cùng thẻ cửa khẩu", tags=("cửa khẩu",), date=datetime.date(2026, 5, 1)
    )
    pick_one = news_article_factory(index, title="Chọn thứ nhất", category="business")
    pick_two = news_article_factory(index, title="Chọn thứ hai", category="modernisation")
    article = news_article_factory(
        index,
        title="Bài chính",
        tags=("cửa khẩu",),
        category="border",
        related=(pick_two, pick_one),
    )
    assert titles(related_news(article)) == ["Chọn thứ hai", "Chọn thứ nhất", same_tag.title]


def test_picks_of_another_department_or_drafts_never_show(department):
    hcm, hn = department("HCM"), department("HN")
    other = news_article_factory(news_index(hn), title="Tin Hà Nội được chọn")
    draft = news_article_factory(news_index(hcm), title="Nháp được chọn", publish=False)
    article = news_article_factory(news_index(hcm), title="Bài chính", related=(draft,))
    # Saving refuses another department's pick (tests/sites/test_references.py); one stored
    # past that rule must still never show.
    NewsRelatedLink.objects.create(page=article, related=other, sort_order=1)
    assert titles(related_news(article)) == []


def test_related_news_prefers_more_shared_tags_then_the_category(department):
    index = news_index(department("HCM"))
    news_article_factory(index, title="Cùng chuyên mục", category="border", tags=())
    news_article_factory(index, title="Một thẻ chung", category="other", tags=("cửa khẩu",))
    news_article_factory(
        index, title="Hai thẻ chung", category="other", tags=("cửa khẩu", "cao điểm")
    )
    article = news_article_factory(
        index, title="Bài chính", category="border", tags=("cửa khẩu", "cao điểm")
    )
    assert titles(related_news(article)) == ["Hai thẻ chung", "Một thẻ chung", "Cùng chuyên mục"]


def test_tag_slugs_are_ascii_and_name_the_tag_listing(client, department):
    hcm = department("HCM")
    index = news_index(hcm)
    news_article_factory(index, title="Tin về hải quan", tags=("Hải quan",))
    news_article_factory(index, title="Tin khác")
    assert NewsTag.objects.get(name="Hải quan").slug == "hai-quan"
    html = client.get(index.url + "the/hai-quan/", HTTP_HOST=hcm.site.hostname).content.decode()
    assert "Tin về hải quan" in html and "Tin khác" not in html
    assert client.get(index.url + "the/khong-co/", HTTP_HOST=hcm.site.hostname).status_code == 404
    article_html = client.get(
        index.get_children().get(title="Tin về hải quan").url, HTTP_HOST=hcm.site.hostname
    ).content.decode()
    assert 'href="/vi/tin-tuc/the/hai-quan/"' in article_html


def test_old_query_links_redirect_to_the_listing_urls(client, department):
    hcm = department("HCM")
    index = news_index(hcm)
    response = client.get(index.url, {"tag": "Hải quan"}, HTTP_HOST=hcm.site.hostname)
    assert response.status_code == 301 and response["Location"] == "/vi/tin-tuc/the/hai-quan/"
    response = client.get(index.url, {"category": "revenue"}, HTTP_HOST=hcm.site.hostname)
    assert response["Location"] == "/vi/tin-tuc/chuyen-muc/revenue/"


def test_hq_national_news_appears_on_every_department_home_linking_to_hq(client, department):
    hq, hcm, hn = department("HQ"), department("HCM"), department("HN")
    news_article_factory(news_index(hq), title="Tin toàn ngành", is_national=True)
    news_article_factory(news_index(hq), title="Tin riêng của Tổng cục")
    news_article_factory(news_index(hn), title="Tin của Hà Nội")
    for own in (hcm, hn):
        html = client.get("/vi/", HTTP_HOST=own.site.hostname).content.decode()
        national = html.split('id="national-heading"')[1].split("</section>")[0]
        assert "Tin toàn ngành" in national
        assert 'href="http://localhost/vi/tin-tuc/tin-toan-nganh/"' in national
        assert "Tin riêng của Tổng cục" not in html
    assert "Tin của Hà Nội" not in client.get("/vi/", HTTP_HOST=hcm.site.hostname).content.decode()
    hq_html = client.get("/vi/", HTTP_HOST=hq.site.hostname).content.decode()
    assert 'id="national-heading"' not in hq_html


def test_national_flag_outside_hq_is_refused_and_ignored(department):
    department("HQ")
    hcm = department("HCM")
    article = news_article_factory(news_index(hcm), title="Tự nhận toàn ngành")
    NewsArticlePage.objects.filter(pk=article.pk).update(is_national=True)  # bypassing validation
    article.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "is_national" in error.value.message_dict
    assert titles(national_news(department("HN").site.root_page)) == []


def test_admin_form_refuses_national_news_from_a_department_editor(client, department, member):
    department("HQ")
    hcm = department("HCM")
    index = news_index(hcm)
    client.force_login(member(hcm, "editor"))
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        {
            "title": "Tin tự nhận toàn ngành",
            "slug": "tin-tu-nhan",
            "date": "2026-05-01",
            "category": "other",
            "is_national": "on",
            "body-count": "0",
            "related_links-TOTAL_FORMS": "0",
            "related_links-INITIAL_FORMS": "0",
            "related_links-MIN_NUM_FORMS": "0",
            "related_links-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "is_national" in response.context["form"].errors
    assert not index.get_children().filter(slug="tin-tu-nhan").exists()


def test_picks_show_in_the_readers_language_on_the_translated_article(department):
    from wagtail.models import Locale

    from sites.translation import sync_translation

    hcm = department("HCM")
    english = Locale.objects.get(language_code="en")
    index = news_index(hcm)
    picked = news_article_factory(index, title="Tin được chọn", category="business")
    article = news_article_factory(index, title="Bài chính", category="border", related=(picked,))
    picked_en = sync_translation(picked, english, {"title": "Picked news"})
    article_en = sync_translation(article, english, {"title": "Main article"})
    assert titles(related_news(article_en)) == [picked_en.title]
