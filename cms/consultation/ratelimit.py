"""Fixed-window counters in Django's cache (Redis in production, so every app server shares them)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from (the reverse proxy must pass the client's as REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(kind: str, value: str) -> str:
    window = settings.CONSULTATION_RATE_LIMIT_WINDOW
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"consultation:rl:{kind}:{digest}:{int(time.time() // window)}"


def hit(kind: str, value: str, limit: int) -> bool:
    """Count one attempt of `value` in the current window; False once past `limit`."""
    key = _key(kind, value)
    cache.add(key, 0, timeout=settings.CONSULTATION_RATE_LIMIT_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.CONSULTATION_RATE_LIMIT_WINDOW)
        count = 1
    return count <= limit


def address_allowed(request: HttpRequest, kind: str = "ask") -> bool:
    return hit(
        f"{kind}:addr", client_address(request), settings.CONSULTATION_RATE_LIMIT_PER_ADDRESS
    )


def email_allowed(email: str) -> bool:
    return hit("ask:email", email, settings.CONSULTATION_RATE_LIMIT_PER_EMAIL)
