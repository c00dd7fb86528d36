"""Admin: the news tags' English names (Settings → News tags).

Tags are shared by every department's news (free tagging, one row per name), so only people
with the model's permissions — platform admins — edit them; no department group is given them.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cms.news.models import NewsTag


class NewsTagViewSet(ModelViewSet):
    model = NewsTag
    icon = "tag"
    menu_label = _("News tags")
    add_to_settings_menu = True
    form_fields = ["name", "name_en"]
    list_display = ["name", "name_en", "slug"]
    ordering = ["name"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_news_tag_viewset() -> NewsTagViewSet:
    return NewsTagViewSet("news_tags")
