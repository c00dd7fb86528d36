from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "cms.api"
    label = "api"
    verbose_name = _("Headless API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sites import edge
        from sites.restructure.rules import register_merge_rule

        from . import cache, signals  # noqa: F401  (cache invalidation and the change log)

        # Every change's surrogate keys also move the API server cache's generations.
        edge.on_change(cache.invalidate)
        # The change log is what each department's feed already said: it is not rewritten.
        register_merge_rule("api.ChangeEvent", follow=False)
