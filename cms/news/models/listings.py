"""Articles as a site shows them: the site's own, the latest, and HQ's national news."""

from django.db.models.functions import Substr

from wagtail.models import Page

from cms.news.models.articles import NewsArticlePage, headquarters_homes


def site_articles(home: Page):
    """Live public articles of one department's site in the home page's language."""
    return NewsArticlePage.objects.descendant_of(home).live().public().select_related("lead_image")


def latest_news(home: Page, limit: int = 5):
    return site_articles(home).order_by("-date", "-pk")[:limit]


def national_news(home: Page, limit: int = 5):
    """HQ's national articles in the home page's language (one query); none on HQ's own site."""
    home_path_length = Page.steplen * 2
    return (
        NewsArticlePage.objects.live()
        .public()
        .filter(is_national=True, locale_id=home.locale_id)
        .annotate(home_path=Substr("path", 1, home_path_length))
        .filter(home_path__in=headquarters_homes())
        .exclude(path__startswith=home.path)
        .select_related("lead_image")
        .order_by("-date", "-pk")[:limit]
    )
