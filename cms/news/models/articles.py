"""A news article: dated, categorised, tagged; HQ may publish it to every site; related news."""

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rest_framework.fields import Field

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage, ChildObjects
from cms.news.models.categories import NewsCategory
from cms.news.models.tags import NewsArticleTag
from sites.references import ReferencesCheckedPageForm


def headquarters_homes():
    """The HQ site's home pages (one per language), as a subquery of paths."""
    from sites.models import Department

    hq_root = Department.objects.filter(is_headquarters=True).values(
        "site__root_page__translation_key"
    )
    return Page.objects.filter(translation_key__in=Subquery(hq_root)).values("path")


NATIONAL_NEWS_ERROR = _("Only headquarters can publish national news.")


def is_on_headquarters_site(page_path: str) -> bool:
    """Whether a tree path lies in HQ's site (in any language)."""
    return headquarters_homes().filter(path=page_path[: Page.steplen * 2]).exists()


class TagNamesField(Field):
    """The Wagtail API's `tags` of an article: the names in the article's language."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        language = value.locale.language_code
        return [tag.name_in(language) for tag in value.tags.all()]


class NewsArticleForm(ReferencesCheckedPageForm):
    """Refuses the national-news flag on articles outside HQ's site."""

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page
        if cleaned_data.get("is_national") and parent and not is_on_headquarters_site(parent.path):
            self.add_error("is_national", NATIONAL_NEWS_ERROR)
        return cleaned_data


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
        index.RelatedFields("tags", [index.SearchField("name"), index.SearchField("name_en")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("date"),
        APIField("category"),
        APIField("tags", serializer=TagNamesField()),
        APIField("lead_image"),
        APIField("body"),
        APIField("source"),
        APIField("is_national"),
        APIField("related_links"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    base_form_class = NewsArticleForm

    related_links: ChildObjects["NewsRelatedLink"]

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
        language = self.locale.language_code
        context["tags"] = [
            (tag, tag.name_in(language), tag.language_on(language)) for tag in self.tags.all()
        ]
        context["index"] = self.get_parent()
        return context


class NewsRelatedLink(Orderable):
    """An editor's pick for "Related news": another article of the same site.

    Shown in the reader's language: the pick's translation on that language's site.
    """

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="related_links")
    # Orderable carries no types, so django-stubs cannot see this model's manager (needed to
    # type `page.related_links`); Django's default one, declared.
    _default_manager: ClassVar[models.Manager["NewsRelatedLink"]]
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


def related_news(article: NewsArticlePage, limit: int = 4):
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
