"""Which URLs a webhook may be sent to: http(s), and no private address unless allowed (SSRF)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise ValidationError(
            _("The host %(host)s could not be resolved.") % {"host": host}, code="unresolved"
        ) from error
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def validate_webhook_url(url: str) -> None:
    """Refuse what is not http(s), and loopback, private, link-local or reserved addresses unless
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES (checked again when each delivery is sent)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Use an http or https URL."), code="scheme")
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError(_("Use an http or https URL."), code="scheme") from error
    for address in _addresses(parts.hostname, port):
        if not address.is_global or address.is_multicast:
            raise ValidationError(
                _("Webhooks may not be sent to a private or local address (%(address)s).")
                % {"address": address},
                code="private",
            )
