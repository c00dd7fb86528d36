"""Free news tags with ASCII slugs, and the table that tags articles."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase

from sites.text import ascii_slugify, fold_diacritics


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
    # TaggedItemBase carries no types, so django-stubs cannot see this model's manager (needed
    # to type `page.tagged_items`); Django's default one, declared.
    _default_manager: ClassVar[models.Manager["NewsArticleTag"]]
