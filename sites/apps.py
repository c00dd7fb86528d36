from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    label = "departments"
    verbose_name = _("Departments")
    default_auto_field = "django.db.models.BigAutoField"
