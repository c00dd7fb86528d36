"""News: the index of a department's news (articles come with the public-sites work)."""

from django.utils.translation import gettext_lazy as _

from cms.core.models import BasePage


class NewsIndexPage(BasePage):
    class Meta:
        verbose_name = _("news index")
