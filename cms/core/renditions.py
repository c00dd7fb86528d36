"""Renditions made at most once at a time per image and spec, and few at a time per process.

Decoding an image costs about 10 bytes per pixel in Wagtail's pipeline (the decoded
original, the auto-orient copy, the crop and the resize buffers), so four requests for a
rendition nobody has made yet would each decode the same original. ``get_rendition`` takes a
lock in the shared cache (``cache.add`` with a timeout: Redis in production, so every app
process agrees; the local-memory cache in development) and a per-process semaphore of
``RENDITION_MAX_CONCURRENT`` slots. A request that finds the lock taken waits up to
``RENDITION_WAIT_SECONDS`` for the holder's rendition, then gets ``RenditionBusy``, which the
API answers with a 503 and ``Retry-After``.

Every rendition the public can cause goes through here: the API's rendition endpoint, news
thumbnails, the department's logo, block images and the themes' ``{% image %}`` tag
(``cms.core.templatetags.portal_images``).
"""

import ctypes
import math
import threading
import time
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache

from wagtail.images.models import AbstractImage, AbstractRendition, Filter

POLL_SECONDS = 0.2

_malloc_trim: Callable[[int], int] | None
try:  # glibc: give freed heap back to the system after a render (no-op elsewhere)
    _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):
    _malloc_trim = None


def _release_freed_memory() -> None:
    """glibc keeps a render's freed decode buffers in the thread's arena, so the next render on
    another thread would start from this one's peak (4 specs: 293–321 MiB without this)."""
    if _malloc_trim is not None:
        _malloc_trim(0)


class RenditionBusy(Exception):
    """Another request is making this rendition, or this process's render slots are full."""

    def __init__(self, retry_after: int):
        super().__init__("the rendition is being made; retry shortly")
        self.retry_after = retry_after


class RenditionRefused(Exception):
    """The original has more pixels than the limit (stored before the limit existed)."""


_slots_lock = threading.Lock()
_slots: tuple[int, threading.BoundedSemaphore] | None = None


def render_slots() -> threading.BoundedSemaphore:
    """This process's semaphore, rebuilt if RENDITION_MAX_CONCURRENT changes (tests do)."""
    global _slots
    size = max(1, settings.RENDITION_MAX_CONCURRENT)
    with _slots_lock:
        if _slots is None or _slots[0] != size:
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


def _lock_key(image: AbstractImage, spec_filter: Filter) -> str:
    return f"rendition-lock:{image.pk}:{spec_filter.get_cache_key(image)}:{spec_filter.spec}"


def _stored(image: AbstractImage, spec_filter: Filter) -> AbstractRendition | None:
    """The rendition in the database (never the per-object prefetch, which is a snapshot)."""
    return image.renditions.filter(
        filter_spec=spec_filter.spec, focal_point_key=spec_filter.get_cache_key(image)
    ).first()


def _busy() -> RenditionBusy:
    return RenditionBusy(retry_after=max(1, math.ceil(settings.RENDITION_WAIT_SECONDS)))


def get_rendition(image: AbstractImage, spec: str) -> AbstractRendition:
    """``image.get_rendition(spec)``, made once across processes and bounded per process.

    Raises ``RenditionBusy`` when the rendition is not ready within RENDITION_WAIT_SECONDS and
    ``RenditionRefused`` for an original over WAGTAILIMAGES_MAX_IMAGE_PIXELS.
    """
    spec_filter = Filter(spec=spec)
    Rendition = image.get_rendition_model()
    try:
        return image.find_existing_rendition(spec_filter)
    except Rendition.DoesNotExist:
        pass
    if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise RenditionRefused(
            f"image {image.pk} has {image.width} × {image.height} pixels, over the limit"
        )
    key = _lock_key(image, spec_filter)
    token = uuid.uuid4().hex
    deadline = time.monotonic() + settings.RENDITION_WAIT_SECONDS
    while not cache.add(key, token, timeout=settings.RENDITION_LOCK_TIMEOUT):
        time.sleep(POLL_SECONDS)
        rendition = _stored(image, spec_filter)
        if rendition is not None:
            return rendition
        if time.monotonic() >= deadline:
            raise _busy()
    try:
        # The holder before us may have finished between our look and our lock.
        rendition = _stored(image, spec_filter)
        if rendition is not None:
            return rendition
        slots = render_slots()
        if not slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise _busy()
        try:
            return image.get_rendition(spec_filter)
        finally:
            _release_freed_memory()
            slots.release()
    finally:
        if cache.get(key) == token:
            cache.delete(key)


def get_renditions(image: AbstractImage, specs: Iterable[str]) -> dict[str, AbstractRendition]:
    """Several renditions of one image, one at a time (Wagtail's own makes three at once)."""
    return {spec: get_rendition(image, spec) for spec in specs}
