"""Background tasks of the project (django-tasks; where they run: TASKS_BACKEND, README).

Wagtail's own tasks (search index, reference index, file deletion, focal points, frontend-cache
purges) run on the same backend: with `TASKS_BACKEND=database` all of them leave the editor's
request for `manage.py db_worker`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.images import get_image_model

from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)


@task()
def send_email(subject: str, body: str, recipients: list[str], from_email: str = "") -> int:
    """Send one plain-text e-mail (made, translated and rendered by the caller)."""
    return send_mail(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, recipients)


@task()
def pregenerate_renditions(image_id: int, specs: Sequence[str] = ()) -> list[str]:
    """Make the image's usual renditions (RENDITION_PREGENERATE) so no visitor waits for them."""
    from cms.core.renditions import get_renditions

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted before the worker got to it
        return []
    made = get_renditions(image, list(specs or settings.RENDITION_PREGENERATE))
    return sorted(made)


@task()
def purge_keys(keys: list[str], urls: list[str] | None = None) -> int:
    """Purge what the caching proxy holds under `keys` (surrogate keys) and at `urls`.

    The entry point the request path calls on publish, unpublish, move, delete and alerts. For now
    the URLs go to Wagtail's frontend cache when `WAGTAILFRONTENDCACHE` is configured (each backend
    logs its own failures); keys are logged until a key-aware backend takes them.
    """
    urls = list(urls or [])
    logger.info("Purge keys %s and %d URLs", ", ".join(keys), len(urls))
    if not urls:
        return 0
    backends = get_backends()
    for backend in backends.values():
        backend.purge_batch(urls)
    return len(urls) * len(backends)


def queue_renditions(sender, instance, created: bool = False, update_fields=None, **kwargs) -> None:
    """post_save of an image: pre-generate its renditions in the worker, after the commit.

    Not with the immediate backend (the embedded default): there the editor's upload would
    wait for them, and each is made on first view as before.
    """
    if isinstance(task_backends["default"], ImmediateBackend) or not settings.RENDITION_PREGENERATE:
        return
    if not created and update_fields is not None and "file" not in update_fields:
        return
    image_id = instance.pk
    transaction.on_commit(lambda: pregenerate_renditions.enqueue(image_id))


def connect_rendition_pregeneration() -> None:
    post_save.connect(
        queue_renditions, sender=get_image_model(), dispatch_uid="core_pregenerate_renditions"
    )
