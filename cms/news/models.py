"""News: a department's news index and its articles.

Articles carry a category and free tags so listings and "related news" can be
computed per site; the HQ's national-news flag lets one article appear on every
department's site.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Substr
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage
from search.text import ascii_slugify, fold_diacritics
from sites.references import ReferencesCheckedPageForm

NEWS_PER_PAGE = 10
MOST_READ_DAYS = 30


class NewsCategory(models.TextChoices):
    REVENUE = "revenue", _("Revenue collection")
    BORDER = "border", _("Border gates")
    DIGITAL = "digital", _("Online public services")
    BUSINESS = "business", _("Dialogue with businesses")
    MODERNISATION = "modernisation", _("Modernisation")
    OTHER = "other", _("Other")


class NewsIndexPage(RoutablePageMixin, BasePage):
    """Lists the live articles below it, newest first; by category and by tag on their own URLs.

    `…/tin-tuc/`, `…/tin-tuc/chuyen-muc/<category>/`, `…/tin-tuc/the/<tag slug>/`, each
    paginated with `?page=`.
    """

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

    def paginate(self, request: HttpRequest, articles) -> PaginatorPage:
        return Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))

    def listing(
        self, request: HttpRequest, *, category: str = "", tag: "NewsTag | None" = None
    ) -> HttpResponse:
        articles = self.articles()
        if category:
            articles = articles.filter(category=category)
        if tag is not None:
            articles = articles.filter(tagged_items__tag=tag)
        context_overrides = {
            "articles": self.paginate(request, articles),
            "categories": NewsCategory.choices,
            "current_category": category,
            "current_category_label": NewsCategory(category).label if category else "",
            "current_tag": tag,
        }
        return self.render(request, context_overrides=context_overrides)

    @path("")
    def all_news(self, request: HttpRequest) -> HttpResponse:
        # Older links filtered with query parameters: send them to the listing's own URL.
        category, tag = request.GET.get("category", ""), request.GET.get("tag", "")
        if category in NewsCategory.values:
            return redirect(
                self.url + self.reverse_subpage("category", args=[category]), permanent=True
            )
        if ascii_slugify(tag):
            return redirect(
                self.url + self.reverse_subpage("tag", args=[ascii_slugify(tag)]), permanent=True
            )
        return self.listing(request)

    @path("chuyen-muc/<slug:category>/", name="category")
    def by_category(self, request: HttpRequest, category: str) -> HttpResponse:
        if category not in NewsCategory.values:
            raise Http404
        return self.listing(request, category=category)

    @path("the/<slug:tag>/", name="tag")
    def by_tag(self, request: HttpRequest, tag: str) -> HttpResponse:
        found = NewsTag.objects.filter(slug=tag).first()
        if found is None:
            raise Http404
        return self.listing(request, tag=found)


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


def headquarters_homes():
    """The HQ site's home pages (one per language), as a subquery of paths."""
    from sites.models import Department

    hq_root = Department.objects.filter(is_headquarters=True).values(
        "site__root_page__translation_key"
    )
    return Page.objects.filter(translation_key__in=Subquery(hq_root)).values("path")


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


def related_news(article: "NewsArticlePage", limit: int = 4):
    """The editor's picks in their order, then articles sharing tags, then the category.

    Only live public articles of the same site and language; one query whatever
    the number of tags, picks or articles.
    """
    # The site's home in this language is the article's ancestor at depth 2.
    site_prefix = article.path[: Page.steplen * 2]
    # wagtail-localize copies picks to translations unchanged (page links are synchronised),
    # so a pick matches the picked article in whatever language is being read.
    picks = NewsRelatedLink.objects.filter(
        page_id=article.pk, related__translation_key=OuterRef("translation_key")
    )
    article_tags = NewsArticleTag.objects.filter(content_object_id=article.pk).values("tag_id")
    return (
        NewsArticlePage.objects.filter(path__startswith=site_prefix)
        .live()
        .public()
        .exclude(pk=article.pk)
        .select_related("lead_image")
        .annotate(
            is_pick=Exists(picks),
            pick_order=Subquery(picks.values("sort_order")[:1]),
            shared=Count(
                "tagged_items", filter=Q(tagged_items__tag_id__in=article_tags), distinct=True
            ),
        )
        .filter(Q(is_pick=True) | Q(shared__gt=0) | Q(category=article.category))
        .order_by("-is_pick", F("pick_order").asc(nulls_last=True), "-shared", "-date", "-pk")[
            :limit
        ]
    )


NATIONAL_NEWS_ERROR = _("Only headquarters can publish national news.")


def is_on_headquarters_site(page_path: str) -> bool:
    """Whether a tree path lies in HQ's site (in any language)."""
    return headquarters_homes().filter(path=page_path[: Page.steplen * 2]).exists()


class NewsArticleForm(ReferencesCheckedPageForm):
    """Refuses the national-news flag on articles outside HQ's site."""

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page
        if cleaned_data.get("is_national") and parent and not is_on_headquarters_site(parent.path):
            self.add_error("is_national", NATIONAL_NEWS_ERROR)
        return cleaned_data


class NewsTag(TagBase):
    """A news tag; its slug is ASCII ("Hải quan" -> "hai-quan") and names its listing URL."""

    free_tagging = True

    def language_on(self, language_code: str) -> str:
        """The tag's language when it differs from the page's ("vi" for "Hải quan" on an
        English page, so screen readers switch voice), else "" (WCAG 3.1.2, language of parts)."""
        if language_code != "vi" and fold_diacritics(self.name) != self.name:
            return "vi"
        return ""

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = ascii_slugify(tag) or "the"
        return slug if i is None else f"{slug}-{i}"


class NewsArticleTag(TaggedItemBase):
    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_news")
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(BasePage):
    """One news item: dated, categorised, tagged, with a lead image and a source line."""

    # News is dated, not reviewed.
    review_interval_months = None

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
        InlinePanel(
            "related_links",
            label=_("Related news (editor's picks)"),
            help_text=_("Shown first under the article, before news with the same tags."),
        ),
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
        APIField("related_links"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    base_form_class = NewsArticleForm

    class Meta:
        verbose_name = _("news article")

    def clean(self) -> None:
        super().clean()
        # A page not yet in the tree is judged by NewsArticleForm, which knows its parent.
        if self.is_national and self.path and not is_on_headquarters_site(self.path):
            raise ValidationError({"is_national": NATIONAL_NEWS_ERROR})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_news(self)
        context["tags"] = [
            (tag, tag.language_on(self.locale.language_code)) for tag in self.tags.all()
        ]
        context["index"] = self.get_parent()
        return context


class NewsRelatedLink(Orderable):
    """An editor's pick for "Related news": another article of the same site.

    Shown in the reader's language: the pick's translation on that language's site.
    """

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        NewsArticlePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )

    panels = [FieldPanel("related", heading=_("Article"))]
    api_fields = [APIField("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
