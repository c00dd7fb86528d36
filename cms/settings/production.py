"""Production: no defaults that matter for security.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, so an unknown host
answers 400 and never falls back to another department's site. HTTPS
defaults are given to the environment before `base.py` reads it.
"""

import os

from django.core.exceptions import ImproperlyConfigured

for _name, _value in {"SECURE_SSL_REDIRECT": "true", "SECURE_HSTS_SECONDS": "31536000"}.items():
    os.environ.setdefault(_name, _value)

from .base import *  # noqa: E402, F403
from .base import ALLOWED_HOSTS, REDIS_URL, SECRET_KEY  # noqa: E402

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

DEBUG = False
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
