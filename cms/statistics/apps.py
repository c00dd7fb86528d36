from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "cms.statistics"
    label = "statistics"
    verbose_name = _("Online service statistics")

    def ready(self) -> None:
        from cms.statistics import scopes
        from sites.grants import grant_to_departments
        from sites.restructure.rules import register_merge_rule

        scopes.register()
        # A merged department's figures add up with the target's for the same service and month;
        # the target keeps its own yearly targets (sites.restructure).
        register_merge_rule(
            "statistics.MonthlyFigure",
            add=(
                "received_online",
                "received_other",
                "processed",
                "on_time",
                "late",
                "pending",
                "online_traders",
            ),
        )
        register_merge_rule("statistics.Target", keep_target=True)
        # A department's staff enter and correct their own figures and targets; the counted
        # services are HQ's, read by everyone.
        grant_to_departments("statistics.MonthlyFigure", ("add", "change", "delete", "view"))
        grant_to_departments("statistics.Service", ("view",))
        grant_to_departments("statistics.Target", ("add", "change", "delete", "view"))
