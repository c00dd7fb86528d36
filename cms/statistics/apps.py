from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "cms.statistics"
    label = "statistics"
    verbose_name = _("Online service statistics")

    def ready(self) -> None:
        from cms.statistics import scopes
        from sites.grants import grant_to_departments

        scopes.register()
        # A department's staff enter and correct their own figures and targets; the counted
        # services are HQ's, read by everyone.
        grant_to_departments("statistics.MonthlyFigure", ("add", "change", "delete", "view"))
        grant_to_departments("statistics.Service", ("view",))
        grant_to_departments("statistics.Target", ("add", "change", "delete", "view"))
