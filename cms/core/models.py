"""The abstract page every page type of the portal builds on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from search.text import ascii_slugify


class BasePage(Page):
    """Shared base of every page type.

    Subclasses extend, not replace, the class lists:
    `content_panels = BasePage.content_panels + [FieldPanel("body")]`,
    `search_fields = BasePage.search_fields + [index.SearchField("body")]`,
    `api_fields = BasePage.api_fields + [APIField("body")]`.
    Slugs made from titles are ASCII ("Đồng Nai" -> "dong-nai").
    """

    teaser = models.TextField(
        _("teaser"),
        blank=True,
        help_text=_("One or two sentences shown in listings and as the meta description."),
    )

    content_panels = [*Page.content_panels, FieldPanel("teaser")]
    search_fields = [*Page.search_fields, index.SearchField("teaser")]
    api_fields = [APIField("teaser")]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs) -> None:
        if not self.slug and self.title:
            self.slug = ascii_slugify(self.title)
        super().full_clean(*args, **kwargs)
