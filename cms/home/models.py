"""A department's home page: the root of its site in each language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.core.blocks import HighlightBlock, QuickLinkBlock
from cms.core.models import BasePage

FEATURED_PROCEDURES = 4


class HomePage(BasePage):
    """Hero, highlights, quick links to online services, news, featured procedures and contact."""

    hero_title = models.CharField(
        _("hero title"), max_length=255, blank=True, help_text=_("Defaults to the page title.")
    )
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    intro = RichTextField(_("introduction"), blank=True)
    highlights = StreamField(
        [("highlight", HighlightBlock())], blank=True, verbose_name=_("highlights")
    )
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        blank=True,
        verbose_name=_("quick links"),
        help_text=_("Online public services, e.g. dichvucong.customs.gov.vn."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("highlights"),
        FieldPanel("quick_links"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image"),
        APIField("intro"),
        APIField("highlights"),
        APIField("quick_links"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("department home page")

    def featured_procedures(self) -> list[dict]:
        """A few procedures fully online (level 4), linked under this site's procedures section."""
        from cms.library.models import Procedure, ProcedureIndexPage

        procedures_index = ProcedureIndexPage.objects.child_of(self).live().first()
        if procedures_index is None:
            return []
        procedures = (
            Procedure.objects.filter(locale_id=self.locale_id, live=True, online_level=4)
            .only("code", "slug", "title")
            .order_by("code")[:FEATURED_PROCEDURES]
        )
        base_url = procedures_index.url
        return [
            {"code": item.code, "title": item.title, "url": f"{base_url}{item.slug}/"}
            for item in procedures
        ]

    def get_context(self, request, *args, **kwargs):
        from cms.news.models import latest_news, most_read, national_news

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest_news(self)
        context["most_read"] = most_read(self)
        context["national_news"] = national_news(self)
        context["featured_procedures"] = self.featured_procedures()
        return context
