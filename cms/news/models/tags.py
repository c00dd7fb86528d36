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

    # `name` is the Vietnamese name (the one editors type and the slug comes from); pages and
    # the API in another language show `name_in(language)`.
    name_en = models.CharField(
        _("English name"),
        max_length=100,
        blank=True,
        help_text=_("Shown on English pages; the Vietnamese name is shown when it is empty."),
    )

    def name_in(self, language_code: str) -> str:
        """The tag's name in a language: the English name on English pages when there is one."""
        if language_code == "en" and self.name_en:
            return self.name_en
        return self.name

    def language_on(self, language_code: str) -> str:
        """The language of `name_in(language_code)` when it differs from the page's ("vi" for
        "Hải quan" left untranslated on an English page, so screen readers switch voice), else
        "" (WCAG 3.1.2, language of parts)."""
        name = self.name_in(language_code)
        if language_code != "vi" and name == self.name and fold_diacritics(name) != name:
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
