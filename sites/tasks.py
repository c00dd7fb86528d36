"""The caching proxy's purges as background tasks (django-tasks; where they run: TASKS_BACKEND).

A change's purge leaves the request for the task worker; a proxy that did not answer is tried
again with backoff (10 s, 20 s, 40 s … up to PROXY_PURGE_ATTEMPTS tries), and each try is logged
(`sites.edge`). With a backend that cannot defer (the embedded default runs tasks at once) a
failed purge is logged and not retried: the proxy's own TTL (`PROXY_CACHE_SECONDS`) bounds it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task, task_backends

from . import edge

logger = logging.getLogger(__name__)


@task()
def purge_proxies(keys: list[str], proxies: list[str] | None = None, attempt: int = 1) -> list[str]:
    """Ban `keys` on `proxies` (default: every PROXY_PURGE_URLS); retry the ones that failed."""
    failed = edge.purge(keys, proxies)
    if not failed:
        return []
    attempts = settings.PROXY_PURGE_ATTEMPTS
    if attempt >= attempts or not task_backends[purge_proxies.backend].supports_defer:
        logger.error("Purging %s gave up after %d tries on %s", keys, attempt, ", ".join(failed))
        return failed
    delay = timedelta(seconds=10 * 2 ** (attempt - 1))
    purge_proxies.using(run_after=timezone.now() + delay).enqueue(keys, failed, attempt + 1)
    logger.warning("Purging %s: try %d failed on %s, again in %s", keys, attempt, failed, delay)
    return failed
