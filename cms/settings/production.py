"""Production: no defaults that matter for security.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, with a weak SECRET_KEY
(Django's own `check --deploy` criteria) or a wildcard ALLOWED_HOSTS, and turns
on PORTAL_STRICT_HOSTS, so an unknown host answers 400 and never falls back to
another department's site. HTTPS defaults are given to the environment before
`base.py` reads it.
"""

import os

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

for _name, _value in {
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "PORTAL_STRICT_HOSTS": "true",
    "TASKS_BACKEND": "database",
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "false",
    "CONN_MAX_AGE": "60",
    "CONN_HEALTH_CHECKS": "true",
}.items():
    os.environ.setdefault(_name, _value)

from .base import *  # noqa: E402, F403
from .base import ALLOWED_HOSTS, REDIS_URL, SECRET_KEY, STORAGES  # noqa: E402

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is weak: use {SECRET_KEY_MIN_LENGTH}+ random characters "
        f"(at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different, "
        f"not starting with '{SECRET_KEY_INSECURE_PREFIX}')."
    )
if _wildcards := [host for host in ALLOWED_HOSTS if host in ("*", ".")]:
    raise ImproperlyConfigured(
        f"ALLOWED_HOSTS must name the portal's hosts, not {_wildcards[0]!r} (any host)."
    )

DEBUG = False
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": STORAGES["default"],  # local disk, or S3-compatible storage when a bucket is named
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
