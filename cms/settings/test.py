"""Tests: the embedded default unless DATABASE_URL says otherwise (CI also runs on PostgreSQL)."""

import os
from pathlib import Path

os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parents[2] / 'var' / 'test.sqlite3'}"
)

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS

DEBUG = False
API_VALIDATE_RESPONSES = True  # every API answer is checked against its declared schema
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "testserver", ".testserver"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests log people in with force_login; the sign-in tests switch the second factor on themselves.
OTP_ENFORCED = False
# The portal's folding database backend (search/backends.py), never Elasticsearch in tests.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}

# A department-owned snippet for the isolation tests of sites.viewsets.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
