"""News: a department's news index and its articles.

Articles carry a category and free tags so listings and "related news" can be
computed per site; the HQ's national-news flag lets one article appear on every
department's site.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage

NEWS_PER_PAGE = 10


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
