"""News: a department's news index and its articles.

Articles carry a category and free tags so listings and "related news" can be
computed per site; the HQ's national-news flag lets one article appear on every
department's site.
"""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage

NEWS_PER_PAGE = 10
MOST_READ_DAYS = 30


class NewsCategory(models.TextChoices):
    REVENUE = "revenue", _("Revenue collection")
    BORDER = "border", _("Border gates")
    DIGITAL = "digital", _("Online public services")
    BUSINESS = "business", _("Dialogue with businesses")
    MODERNISATION = "modernisation", _("Modernisation")
    OTHER = "other", _("Other")


class NewsIndexPage(BasePage):
    """Lists the live articles below it, newest first, filterable by category and tag."""

    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        """Live public articles of this index, newest first (one query when evaluated)."""
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        category = request.GET.get("category", "")
        tag = request.GET.get("tag", "")
        if category in NewsCategory.values:
            articles = articles.filter(category=category)
        if tag:
            articles = articles.filter(tags__slug=tag).distinct()
        paginator = Paginator(articles, NEWS_PER_PAGE)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        context["categories"] = NewsCategory.choices
        context["current_category"] = category
        context["current_tag"] = tag
        return context


class PageViewDay(models.Model):
    """How many times a page was viewed on one day (no personal data is kept)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="view_days")
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="news_pageviewday_unique_day")
        ]


def site_articles(home: Page):
    """Live public articles of one department's site in the home page's language."""
    return NewsArticlePage.objects.descendant_of(home).live().public().select_related("lead_image")


def latest_news(home: Page, limit: int = 5):
    return site_articles(home).order_by("-date", "-pk")[:limit]


def most_read(home: Page, limit: int = 5, days: int = MOST_READ_DAYS):
    """The site's articles most viewed over the last `days` days (one query)."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    return (
        site_articles(home)
        .annotate(views=Sum("view_days__count", filter=Q(view_days__date__gte=since)))
        .filter(views__gt=0)
        .order_by("-views", "-date")[:limit]
    )


def related_news(article: "NewsArticlePage", limit: int = 4):
    """Articles of the same site and language sharing tags or the category (one query)."""
    # The site's home in this language is the article's ancestor at depth 2.
    queryset = (
        NewsArticlePage.objects.filter(path__startswith=article.path[: Page.steplen * 2])
        .live()
        .public()
        .select_related("lead_image")
    )
    tag_ids = [tag.pk for tag in article.tags.all()]
    return (
        queryset.exclude(pk=article.pk)
        .annotate(
            shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
        )
        .filter(Q(shared__gt=0) | Q(category=article.category))
        .order_by("-shared", "-date")[:limit]
    )


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(BasePage):
    """One news item: dated, categorised, tagged, with a lead image and a source line."""

    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(
        _("category"), max_length=20, choices=NewsCategory.choices, default=NewsCategory.OTHER
    )
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("tags"))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    source = models.CharField(_("source"), max_length=255, blank=True)
    is_national = models.BooleanField(
        _("national news"),
        default=False,
        help_text=_("Headquarters only: show this article on every department's site."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("category"), FieldPanel("tags")],
            heading=_("Classification"),
        ),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("source"),
        FieldPanel("is_national"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("date"),
        index.FilterField("category"),
        index.FilterField("is_national"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("date"),
        APIField("category"),
        APIField("tags"),
        APIField("lead_image"),
        APIField("body"),
        APIField("source"),
        APIField("is_national"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_news(self)
        return context
