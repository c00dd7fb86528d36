from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from cms.signin import views


@hooks.register("register_admin_urls")
def register_signin_urls() -> list:
    urls = [
        path("", views.SecondFactorIndexView.as_view(), name="index"),
        path("verify/", views.VerifyView.as_view(), name="verify"),
        path("set-up/", views.EnrolView.as_view(), name="enrol"),
        path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    ]
    return [path("two-step/", include((urls, "signin"), namespace="signin"))]


@hooks.register("register_account_menu_item")
def register_second_factor_account_item(request) -> dict:
    return {
        "url": reverse("signin:index"),
        "label": _("Two-step verification"),
        "help_text": _("Codes from an authenticator app, and recovery codes, after your password."),
    }
