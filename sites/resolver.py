"""The request's site and department without a database query (asked by every request).

Wagtail's `Site.find_for_request` builds, compiles and runs an annotated query on every
request (it was 77 % of the project's constant view; bench/RESULTS.md, "Stack"). The answer
depends only on the raw hostname and the port, and changes only when a Site or a Department
is saved or deleted, so it is kept in two layers:

* a process-local dict, `(hostname, port) → (site, department)`, trusted for
  `SITE_CACHE_LOCAL_SECONDS` before the shared version number is read again;
* the shared cache (Redis in production), keyed by that version, so a new process or a
  process whose local copy expired reads it without a query.

Saving or deleting a Site or a Department increments the version (now and after the
commit): every process drops its local copy at its next check (within
`SITE_CACHE_LOCAL_SECONDS`), and the shared entries of the old version are never read again.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.request import split_domain_port

from wagtail.models import Site

from sites.models import Department, department_for_site

VERSION_KEY = "sites:resolver:version"
SHARED_SECONDS = 3600
# Unknown hosts are cached too; the local dict is bounded so random Host headers cannot grow it.
LOCAL_MAX_ENTRIES = 1000

_lock = threading.Lock()
_local: dict[tuple[str, int], tuple[Site | None, Department | None]] = {}
_local_version: int | None = None
_local_checked = 0.0


def _shared_version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY) or 1
    return int(value)


def _current_version() -> int:
    """The shared version, read again at most every SITE_CACHE_LOCAL_SECONDS by this process."""
    global _local_version, _local_checked
    now = time.monotonic()
    if _local_version is not None and now - _local_checked < settings.SITE_CACHE_LOCAL_SECONDS:
        return _local_version
    version = _shared_version()
    with _lock:
        if version != _local_version:
            _local.clear()
        _local_version = version
        _local_checked = now
    return version


def resolve(request: HttpRequest) -> tuple[Site | None, Department | None]:
    """The site Wagtail would find for the request, and its department; cached (see above).

    Sets `request._wagtail_site`, so `Site.find_for_request` later in the request (Wagtail's
    serving, settings, the API) answers from it too.
    """
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    key = (hostname, int(request.get_port() or 80))
    version = _current_version()
    found = _local.get(key)
    if found is None:
        shared_key = f"sites:resolver:{version}:{hostname}:{key[1]}"
        found = cache.get(shared_key)
        if found is None:
            site = Site._find_for_request(request)
            found = (site, department_for_site(site))
            cache.set(shared_key, found, SHARED_SECONDS)
        with _lock:
            if len(_local) >= LOCAL_MAX_ENTRIES:
                _local.clear()
            _local[key] = found
    request._wagtail_site = found[0]  # type: ignore[attr-defined]
    return found


def invalidate() -> None:
    """Every process forgets its sites (this one at once, the others at their next check)."""
    global _local_version
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, timeout=None)
    with _lock:
        _local.clear()
        _local_version = None


@receiver([post_save, post_delete], sender=Department)
@receiver([post_save, post_delete], sender=Site)
def _forget_sites(sender, instance: models.Model, **kwargs) -> None:
    invalidate()
    # Again after the commit: a reader between the two may have cached the rows as they were.
    transaction.on_commit(invalidate)
