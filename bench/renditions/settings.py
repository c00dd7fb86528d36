"""Settings for bench/renditions only: the portal's base settings, quiet, with no debug bookkeeping."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1")
os.environ.setdefault("DEBUG", "false")

from cms.settings.base import *  # noqa: F403

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
