"""The second-factor pages: give a code, set up an authenticator, manage recovery codes.

`verify` and `enrol` are reached before the second factor (the middleware lets
them through) and look like Wagtail's login page; the overview and new
recovery codes need a verified session and sit in the admin's own frame.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from cms.signin.forms import AuthenticatorCodeForm, CodeForm
from cms.signin.lockout import client_address
from cms.signin.second_factor import (
    confirm_authenticator,
    has_second_factor,
    locked_until,
    new_recovery_codes,
    pending_authenticator,
    qr_code_svg,
    recovery_codes_left,
    second_factor_required,
    secret_of,
    throttled_until,
    verify_code,
)
from sites.http import AdminRequest

logger = logging.getLogger("cms.signin")


def next_url(request: HttpRequest) -> str:
    """Where to go after this step: the page first asked for, if it is on this host."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def with_next(request: HttpRequest, view_name: str) -> str:
    """Another second-factor page, carrying this request's `next` along."""
    url = reverse(view_name)
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


def wrong_code_message(until: datetime | None) -> str:
    """What a refused code gets: a plain "wrong", or, when it came during the wait that earlier
    wrong codes imposed (and so was not even checked), when to try again."""
    if until is not None:
        return gettext("Too many wrong codes. Try again after %(time)s.") % {
            "time": timezone.localtime(until).strftime("%H:%M:%S")
        }
    return gettext("That code is not right. Check the time on your phone and try again.")


class VerifyView(FormView):
    """The second step of signing in: a code from the authenticator, or a recovery code."""

    request: AdminRequest
    template_name = "signin/verify.html"
    form_class = CodeForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        user = self.request.user  # `request`, typed
        if user.is_verified():
            return HttpResponseRedirect(next_url(request))
        if not has_second_factor(user):
            return HttpResponseRedirect(with_next(request, "signin:enrol"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "next": next_url(self.request)}

    def form_valid(self, form: CodeForm) -> HttpResponse:
        request, code = self.request, form.cleaned_data["code"]
        waiting_until = throttled_until(request.user, code)  # before this attempt adds its wait
        device = verify_code(request.user, code)
        if device is None:
            logger.warning(
                "Wrong second-factor code for account %r from %s",
                request.user.get_username(),
                client_address(request),
            )
            form.add_error("code", wrong_code_message(waiting_until))
            return self.form_invalid(form)
        otp_login(request, device)
        if isinstance(device, StaticDevice):
            left = recovery_codes_left(request.user)
            logger.info(
                "Recovery code used by account %r (%d left)", request.user.get_username(), left
            )
            messages.warning(
                request,
                gettext(
                    "You signed in with a recovery code; %(count)s are left. Make new ones under "
                    "Account › Two-step verification."
                )
                % {"count": left},
            )
        return HttpResponseRedirect(next_url(request))


class EnrolView(FormView):
    """Set up an authenticator: scan the QR code (or type the secret), confirm with a code.

    On success the session counts as verified and the ten recovery codes are
    shown, once.
    """

    request: AdminRequest
    template_name = "signin/enrol.html"
    form_class = AuthenticatorCodeForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if has_second_factor(self.request.user):
            return HttpResponseRedirect(with_next(request, "signin:verify"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        device = pending_authenticator(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "qr_code": qr_code_svg(device),
            "secret": secret_of(device),
            "required": second_factor_required(self.request.user),
            "next": next_url(self.request),
        }

    def form_valid(self, form: AuthenticatorCodeForm) -> HttpResponse:
        request = self.request
        device = pending_authenticator(request.user)
        waiting_until = locked_until(device)  # before this attempt adds its wait
        codes = confirm_authenticator(device, form.cleaned_data["code"])
        if codes is None:
            logger.warning(
                "Wrong code while setting up a second factor for account %r from %s",
                request.user.get_username(),
                client_address(request),
            )
            form.add_error("code", wrong_code_message(waiting_until))
            return self.form_invalid(form)
        device.refresh_from_db()
        otp_login(request, device)
        return recovery_codes_page(request, codes)


def recovery_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """The new recovery codes, shown this once (never stored anywhere the page can read again)."""
    response = render(
        request, "signin/recovery_codes.html", {"codes": codes, "next": next_url(request)}
    )
    response["Cache-Control"] = "no-store"
    return response


class SecondFactorIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Account › Two-step verification: whether it is set up, and recovery codes left."""

    request: AdminRequest
    template_name = "signin/index.html"
    page_title = _("Two-step verification")
    header_icon = "key"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = self.request.user  # `request`, typed
        if has_second_factor(user) and not user.is_verified():
            return HttpResponseRedirect(
                reverse("signin:verify") + "?next=" + reverse("signin:index")
            )
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "enrolled": has_second_factor(user),
            "required": second_factor_required(user),
            "codes_left": recovery_codes_left(user),
        }


class RecoveryCodesView(View):
    """New recovery codes (the old ones stop working); needs a verified session."""

    http_method_names = ["post"]

    def post(self, request: AdminRequest) -> HttpResponse:
        if not (has_second_factor(request.user) and request.user.is_verified()):
            return HttpResponseRedirect(
                reverse("signin:verify") + "?next=" + reverse("signin:index")
            )
        codes = new_recovery_codes(request.user)
        logger.info("New recovery codes for account %r", request.user.get_username())
        return recovery_codes_page(request, codes)
