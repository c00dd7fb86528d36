"""Renditions are made once per image and spec across requests; the rest wait or get a 503."""

import io
import logging
import socket
import threading
import time
import uuid

from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connections
from django.template import engines

from wagtail.images import get_image_model
from wagtail.images.models import Filter

import pytest
from PIL import Image as PILImage

from cms.core import renditions
from cms.core.renditions import RenditionBusy, get_rendition

Image = get_image_model()
SPEC = "max-800x800|format-webp"


def photo(department, size: tuple[int, int] = (1200, 900)) -> Image:
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 64).convert("RGB").save(buffer, format="JPEG")
    return Image.objects.create(
        title="Kiểm tra hàng hóa tại cửa khẩu",
        file=ImageFile(buffer, name="kiem-tra.jpg"),
        collection=department.collection,
    )


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hold_lock():
    """Take a spec's lock the way another process would, and give it back after the test."""
    held = []

    def hold(image: Image, spec: str = SPEC) -> None:
        key = renditions._lock_key(image, Filter(spec=spec))
        assert cache.add(key, "another-process", timeout=60)
        held.append(key)

    yield hold
    for key in held:
        cache.delete(key)


@pytest.mark.skipif(not redis_reachable(), reason="needs Redis at 127.0.0.1:6379 (shared lock)")
def test_concurrent_first_requests_for_one_spec_render_once(department, settings, caplog):
    """Four threads ask at once; the lock in Redis lets one render and the others wait for it.

    The threads share the test's database connection (as Django's live server thread does),
    so they see its uncommitted rows; only the cache is what keeps them apart.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"media-test-{uuid.uuid4().hex}",
        }
    }
    settings.RENDITION_MAX_CONCURRENT = 4  # only the shared lock can keep them apart
    image = photo(department("HCM"), size=(2400, 1800))
    caplog.set_level(logging.DEBUG, logger="wagtail.images")
    start = threading.Barrier(4)
    made: list[int] = []
    failures: list[BaseException] = []

    shared = connections["default"]
    shared.inc_thread_sharing()

    def request() -> None:
        connections["default"] = shared
        try:
            own = Image.objects.get(pk=image.pk)
            start.wait()
            made.append(get_rendition(own, SPEC).pk)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    shared.dec_thread_sharing()
    assert failures == []
    generated = [r for r in caplog.records if r.getMessage().startswith("Generating")]
    assert len(generated) == 1
    assert len(made) == 4 and len(set(made)) == 1
    assert image.renditions.count() == 1
    cache.clear()


def test_first_request_renders_and_later_requests_reuse_it(department):
    """The control: with nobody else rendering, the rendition is made and then found."""
    image = photo(department("HCM"))
    first = get_rendition(image, SPEC)
    again = get_rendition(Image.objects.get(pk=image.pk), SPEC)
    assert first.pk == again.pk and first.width == 800


def test_request_waiting_too_long_gets_503_with_retry_after(
    client, department, settings, hold_lock
):
    settings.RENDITION_WAIT_SECONDS = 0.3
    hcm = department("HCM")
    image = photo(hcm)
    hold_lock(image, "max-1600x1600|format-webp")
    path = f"/api/images/{image.pk}/rendition/"
    params = {"size": "large", "format": "webp"}
    busy = client.get(path, params, HTTP_HOST=hcm.site.hostname)
    assert busy.status_code == 503
    assert busy["Retry-After"] == "1"
    assert busy["Content-Type"] == "application/problem+json"
    assert busy.json()["status"] == 503
    assert busy["Cache-Control"] == "no-store"
    assert image.renditions.count() == 0
    cache.delete(renditions._lock_key(image, Filter(spec="max-1600x1600|format-webp")))
    done = client.get(path, params, HTTP_HOST=hcm.site.hostname)
    assert done.status_code == 200
    assert done.json()["width"] == 1200


def test_waiting_request_renders_once_the_holder_lets_go(department, settings, hold_lock):
    """A holder that gives up (or dies and its lock expires) does not leave others stuck."""
    settings.RENDITION_WAIT_SECONDS = 5
    image = photo(department("HCM"))
    hold_lock(image)
    key = renditions._lock_key(image, Filter(spec=SPEC))
    holder = threading.Timer(0.3, cache.delete, args=[key])
    holder.start()
    started = time.monotonic()
    try:
        rendition = get_rendition(image, SPEC)
    finally:
        holder.join()
    assert time.monotonic() - started >= 0.3
    assert rendition.width == 800
    assert image.renditions.count() == 1


def test_full_render_slots_make_others_wait_then_503(department, settings):
    settings.RENDITION_MAX_CONCURRENT = 1
    settings.RENDITION_WAIT_SECONDS = 0.2
    image = photo(department("HCM"))
    slots = renditions.render_slots()
    assert slots.acquire(timeout=1)
    try:
        with pytest.raises(RenditionBusy):
            get_rendition(image, SPEC)
    finally:
        slots.release()
    assert get_rendition(image, SPEC).width == 800
    assert cache.get(renditions._lock_key(image, Filter(spec=SPEC))) is None


def test_original_over_the_pixel_limit_gets_422(client, department):
    hcm = department("HCM")
    image = photo(hcm)
    Image.objects.filter(pk=image.pk).update(width=11_300, height=11_300)
    response = client.get(
        f"/api/images/{image.pk}/rendition/", {"size": "large"}, HTTP_HOST=hcm.site.hostname
    )
    assert response.status_code == 422
    assert response.json()["status"] == 422
    assert image.renditions.count() == 0


def test_theme_image_tag_shows_placeholder_while_busy(department, settings, hold_lock):
    settings.RENDITION_WAIT_SECONDS = 0.2
    image = photo(department("HCM"))
    template = engines["django"].from_string("{% load portal_images %}{% image img width-300 %}")
    hold_lock(image, "width-300")
    assert "not-found" in template.render({"img": image})
    cache.delete(renditions._lock_key(image, Filter(spec="width-300")))
    rendered = template.render({"img": Image.objects.get(pk=image.pk)})
    assert 'width="300"' in rendered and "not-found" not in rendered
