"""Standard pages: introduction and other prose, contact details, downloadable leaflets."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage, ChildObjects


class StandardPage(BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    class Meta:
        verbose_name = _("standard page")


class ContactPage(BasePage):
    """How to reach a department: address, phones, office hours and its units."""

    address = models.TextField(_("address"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    hotline = models.CharField(_("hotline"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    office_hours = RichTextField(_("office hours"), blank=True, features=["bold", "ul"])

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("map_url"),
                FieldPanel("phone"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading=_("Contact details"),
        ),
        InlinePanel("units", label=_("Units")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("address"),
        index.RelatedFields("units", [index.SearchField("name"), index.SearchField("address")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("address"),
        APIField("map_url"),
        APIField("phone"),
        APIField("hotline"),
        APIField("email"),
        APIField("office_hours"),
        APIField("units"),
    ]
    subpage_types: list[str] = []

    units: ChildObjects["ContactUnit"]

    class Meta:
        verbose_name = _("contact page")


class ContactUnit(Orderable):
    """A unit of the department (branch, border-gate office) with its own phone."""

    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="units")
    # Orderable carries no types, so django-stubs cannot see this model's manager (needed to
    # type `page.units`); Django's default one, declared.
    _default_manager: ClassVar[models.Manager["ContactUnit"]]
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    panels = [FieldPanel("name"), FieldPanel("address"), FieldPanel("phone")]
    api_fields = [APIField("name"), APIField("address"), APIField("phone")]

    class Meta(Orderable.Meta):
        verbose_name = _("unit")


class LeafletPage(BasePage):
    """Downloadable leaflets and guides (documents from the department's collection)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        InlinePanel("files", label=_("Files")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("files", [index.SearchField("title")]),
    ]
    api_fields = [*BasePage.api_fields, APIField("body"), APIField("files")]
    subpage_types: list[str] = []

    files: ChildObjects["LeafletFile"]

    class Meta:
        verbose_name = _("leaflet page")


class LeafletFile(Orderable):
    page = ParentalKey(LeafletPage, on_delete=models.CASCADE, related_name="files")
    # Orderable carries no types, so django-stubs cannot see this model's manager (needed to
    # type `page.files`); Django's default one, declared.
    _default_manager: ClassVar[models.Manager["LeafletFile"]]
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("file")
    )

    panels = [FieldPanel("title"), FieldPanel("document")]
    api_fields = [APIField("title"), APIField("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
