from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo departments and `seed_demo`: the only app that imports every content app."""

    name = "cms.demo"
    label = "demo"
    verbose_name = _("Demo data")
