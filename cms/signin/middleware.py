"""Keeps the admin closed to a session that has not given its second factor."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from cms.signin.second_factor import has_second_factor, second_factor_required
from sites.http import DepartmentRequest

# What a session may reach before its second factor: signing in and out, resetting a password,
# the second-factor pages themselves, and what those pages load (icons, translations).
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "signin:verify",
    "signin:enrol",
}


class SecondFactorMiddleware:
    """After the password, an admin page needs a verified second factor.

    Runs after django-otp's `OTPMiddleware` (which sets `user.is_verified()`).
    A person who has an authenticator is sent to give a code; one who must have
    one and has none is sent to set it up. Off when `OTP_ENFORCED` is false.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: DepartmentRequest, view_func, view_args, view_kwargs
    ) -> HttpResponse | None:
        if not settings.OTP_ENFORCED or not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_second_factor(user):
            target = "signin:verify"
        elif second_factor_required(user):
            target = "signin:enrol"
        else:
            return None
        return HttpResponseRedirect(
            reverse(target) + "?" + urlencode({"next": request.get_full_path()})
        )
