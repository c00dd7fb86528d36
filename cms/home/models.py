"""A department's home page: the root of its site in each language."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.core.models import BasePage


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("department home page")

    def get_context(self, request, *args, **kwargs):
        from cms.news.models import latest_news, most_read

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest_news(self)
        context["most_read"] = most_read(self)
        # Filled by the shared library ("featured procedures") when it provides them.
        context["featured_procedures"] = []
        return context
