from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "cms.alerts"
    label = "alerts"
    verbose_name = _("Alerts and operating status")

    def ready(self) -> None:
        from sites.grants import grant_to_departments
        from sites.restructure.rules import register_merge_rule

        # Both departments had hidden the same national alert: one hide is kept.
        register_merge_rule("alerts.AlertHide", keep_target=True)

        # A department's people keep their own alerts, hides and gates (the viewsets keep them
        # to their own rows); publishing is decided in cms.alerts.permissions, not by a grant.
        for model in ("alerts.Alert", "alerts.AlertHide", "alerts.Gate"):
            grant_to_departments(model, ("add", "change", "delete", "view"))
