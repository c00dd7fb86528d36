from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks, uploads

        uploads.connect_model_checks()
        checks.register_checks()
