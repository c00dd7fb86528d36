from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from sites.grants import grant_to_departments
        from sites.restructure.rules import register_merge_rule

        grant_to_departments("portal_search.EditorsPick", ("add", "change", "delete", "view"))
        # Recorded by the site, not written by editors: they may only read them.
        grant_to_departments("portal_search.PopularQuery", ("view",))
        grant_to_departments("portal_search.ZeroResultQuery", ("view",))
        # A merged department's counts add to the target's for the same query and day.
        register_merge_rule("portal_search.PopularQuery", add=("hits",))
        register_merge_rule("portal_search.ZeroResultQuery", add=("searches",))
