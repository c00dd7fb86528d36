from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    label = "departments"
    verbose_name = _("Departments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from sites import resolver  # noqa: F401  (forgets cached sites when one changes)
        from sites.grants import grant_to_departments, resync_after_migrate

        post_migrate.connect(resync_after_migrate)
        # Every department group translates its own department's content (wagtail-localize's
        # one permission, "submit_translation", hangs off its Translation content type).
        grant_to_departments("wagtail_localize.Translation", ("submit",))
