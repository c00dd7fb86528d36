from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignInConfig(AppConfig):
    name = "cms.signin"
    label = "signin"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from cms.signin import signals  # noqa: F401  (connects the failed-login log line)
