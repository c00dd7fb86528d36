"""Lockout of repeated failed logins (django-axes), with one limit per account and one per address.

Axes counts failures per lockout parameter (the account's username, the client
address) and locks when the largest count reaches `AXES_FAILURE_LIMIT`. An
address is shared by a whole office behind one NAT, so it gets its own, higher
limit (`LOGIN_ADDRESS_FAILURE_LIMIT`): the handler reports the address's count
on the account's scale, so axes' one comparison applies both limits.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit, get_lockout_parameters


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from (the reverse proxy must pass the client's as REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or None


class SignInLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The most exhausted counter, on the account limit's scale.

        `address_failures * account_limit // address_limit` reaches the account
        limit exactly when the address's failures reach the address limit.
        """
        account_limit = get_failure_limit(request, credentials)
        scaled = [0]
        for parameter, attempts in zip(
            get_lockout_parameters(request, credentials),
            self.get_user_attempts(request, credentials),
            strict=True,
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == "ip_address":
                failures = failures * account_limit // settings.LOGIN_ADDRESS_FAILURE_LIMIT
            scaled.append(failures)
        return max(scaled)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The lockout page, in Vietnamese and English, saying when to try again.

    It says the same for every username, existing or not, so it tells nobody
    whether an account exists.
    """
    cool_off = get_cool_off(request) or timedelta(0)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    response = render(
        request,
        "signin/lockout.html",
        {"minutes": minutes, "retry_at": timezone.localtime() + cool_off},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
