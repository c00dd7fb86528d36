"""News: a department's news index and its articles.

Articles carry a category and free tags so listings and "related news" can be
computed per site; the HQ's national-news flag lets one article appear on every
department's site. One concern per module; import from here.
"""

from cms.news.models.articles import (
    NATIONAL_NEWS_ERROR,
    NewsArticleForm,
    NewsArticlePage,
    NewsRelatedLink,
    headquarters_homes,
    is_on_headquarters_site,
    related_news,
)
from cms.news.models.categories import NewsCategory
from cms.news.models.index import NEWS_PER_PAGE, NewsIndexPage
from cms.news.models.listings import latest_news, national_news, site_articles
from cms.news.models.reads import MOST_READ_DAYS, PageViewDay, most_read
from cms.news.models.tags import NewsArticleTag, NewsTag

__all__ = [
    "MOST_READ_DAYS",
    "NATIONAL_NEWS_ERROR",
    "NEWS_PER_PAGE",
    "NewsArticleForm",
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsCategory",
    "NewsIndexPage",
    "NewsRelatedLink",
    "NewsTag",
    "PageViewDay",
    "headquarters_homes",
    "is_on_headquarters_site",
    "latest_news",
    "most_read",
    "national_news",
    "related_news",
    "site_articles",
]
