"""Settings for bench/api only: the portal's base settings plus two comparison endpoints.

Never used by the site: `bench.api.urls` adds the floor (a bare Django view returning a
constant JSON body) and the peer (stock Wagtail API v2 `PagesAPIViewSet`) beside the portal.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("CONN_MAX_AGE", "60")

from cms.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.api.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
