"""Factories for news pages (plain functions: add and publish under a parent)."""

import datetime

from wagtail.models import Page

from cms.news.models import NewsArticlePage, NewsCategory, NewsIndexPage, NewsRelatedLink


def news_index_factory(parent: Page, *, title: str = "Tin tức", **fields) -> NewsIndexPage:
    page = NewsIndexPage(title=title, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def news_article_factory(
    parent: NewsIndexPage,
    *,
    title: str = "Thu ngân sách vượt chỉ tiêu quý III",
    date: datetime.date | None = None,
    category: str = NewsCategory.REVENUE,
    tags: tuple[str, ...] = (),
    publish: bool = True,
    related: tuple[NewsArticlePage, ...] = (),
    **fields,
) -> NewsArticlePage:
    """An article under `parent`; `publish=False` leaves it a draft; `related` are editor's picks."""
    page = NewsArticlePage(title=title, category=category, **fields)
    page.related_links = [
        NewsRelatedLink(related=item, sort_order=order) for order, item in enumerate(related)
    ]
    if date is not None:
        page.date = date
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
        page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page
