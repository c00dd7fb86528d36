"""One log line per failed login and per lockout (axes also records them in the database)."""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from axes.signals import user_locked_out

from cms.signin.lockout import client_address

logger = logging.getLogger("cms.signin")


@receiver(user_login_failed)
def log_failed_login(
    sender: object, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    username = str(credentials.get("username", ""))[:150]
    address = client_address(request) if request is not None else None
    logger.warning("Failed login for account %r from %s", username, address)


@receiver(user_locked_out)
def log_lockout(
    sender: object, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs
) -> None:
    logger.warning("Login locked for account %r from %s", username, ip_address)
