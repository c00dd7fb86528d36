"""The abstract page every page type of the portal builds on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from sites.models import Department
from sites.references import Ownership, ReferencesChecked, ReferencesCheckedPageForm

from .slugs import settle_slug


class BasePage(ReferencesChecked, Page):
    """Shared base of every page type.

    Subclasses extend, not replace, the class lists:
    `content_panels = BasePage.content_panels + [FieldPanel("body")]`,
    `search_fields = BasePage.search_fields + [index.SearchField("body")]`,
    `api_fields = BasePage.api_fields + [APIField("body")]`.
    Slugs are ASCII with their letters kept ("Đồng Nai" -> "dong-nai"), whatever gives them
    (admin, API, import, a translation): `cms.core.slugs.settle_slug` runs before every
    validation.
    A page refers only to its own department's pages, images, documents and rows, or to shared
    ones (`sites.references`); a subclass's admin form builds on `ReferencesCheckedPageForm`.
    """

    teaser = models.TextField(
        _("teaser"),
        blank=True,
        help_text=_("One or two sentences shown in listings and as the meta description."),
    )

    content_panels = [*Page.content_panels, FieldPanel("teaser")]
    search_fields = [*Page.search_fields, index.SearchField("teaser")]
    api_fields = [APIField("teaser")]
    base_form_class = ReferencesCheckedPageForm

    class Meta:
        abstract = True

    def reference_owner(self) -> Department | None:
        return Ownership().of_page(self)

    def full_clean(self, *args, **kwargs) -> None:
        settle_slug(self)
        super().full_clean(*args, **kwargs)

    def minimal_clean(self) -> None:
        # What Page.save() runs instead of full_clean() for a page that is not live.
        settle_slug(self)
        super().minimal_clean()
