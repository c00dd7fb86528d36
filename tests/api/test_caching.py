"""HTTP and server-side caching: ETag/304, Cache-Control, Vary, invalidation on every content change, CORS."""

import os
import subprocess
import sys
import uuid

from django.test import override_settings

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

pytestmark = pytest.mark.django_db


def fetch(client, host, path="/api/pages/", **params):
    return client.get(path, {"limit": 100, **params}, HTTP_HOST=host)


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def test_public_responses_carry_etag_max_age_and_vary(client, sites):
    response = fetch(client, sites["HCM"]["host"])
    assert response["ETag"]
    assert "max-age=" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_if_none_match_answers_304_until_the_content_changes(client, sites):
    hcm = sites["HCM"]
    etag = fetch(client, hcm["host"])["ETag"]
    assert (
        client.get(
            "/api/pages/", {"limit": 100}, HTTP_HOST=hcm["host"], HTTP_IF_NONE_MATCH=etag
        ).status_code
        == 304
    )
    page = hcm["public"]
    page.title = "Thông báo mới"
    page.save_revision().publish()
    changed = client.get(
        "/api/pages/", {"limit": 100}, HTTP_HOST=hcm["host"], HTTP_IF_NONE_MATCH=etag
    )
    assert changed.status_code == 200
    assert "Thông báo mới" in titles(changed)


def test_second_request_is_served_from_the_server_cache(client, sites):
    host = sites["HCM"]["host"]
    assert fetch(client, host)["X-Cache"] == "miss"
    assert fetch(client, host)["X-Cache"] == "hit"


def test_cache_is_keyed_by_host_and_language(client, sites):
    assert "Thông báo HCM" in titles(fetch(client, sites["HCM"]["host"], locale="vi"))
    assert "Thông báo HN" in titles(fetch(client, sites["HN"]["host"], locale="vi"))
    assert "Announcement HCM" in titles(fetch(client, sites["HCM"]["host"], locale="en"))


@pytest.mark.parametrize("change", ["publish", "unpublish", "delete", "move"])
def test_page_changes_invalidate_cached_responses_at_once(client, sites, change):
    hcm = sites["HCM"]
    page = hcm["vi_only"]
    assert "Hướng dẫn HCM" in titles(fetch(client, hcm["host"]))
    if change == "publish":
        page.title = "Hướng dẫn đã sửa"
        page.save_revision().publish()
        assert "Hướng dẫn đã sửa" in titles(fetch(client, hcm["host"]))
        return
    if change == "unpublish":
        page.unpublish()
    elif change == "delete":
        page.delete()
    else:
        page.move(hcm["public"], pos="last-child")
        moved = fetch(client, hcm["host"], child_of=hcm["public"].pk)
        assert titles(moved) == ["Hướng dẫn HCM"]
        return
    assert "Hướng dẫn HCM" not in titles(fetch(client, hcm["host"]))


def test_image_and_snippet_changes_invalidate_cached_responses(client, sites):
    hcm = sites["HCM"]
    image = get_image_model().objects.create(
        title="Ảnh cửa khẩu", file=get_test_image_file(), collection=hcm["department"].collection
    )
    before = fetch(client, hcm["host"], "/api/images/")
    assert "Ảnh cửa khẩu" in titles(before)
    image.title = "Ảnh cửa khẩu Mộc Bài"
    image.save()
    assert "Ảnh cửa khẩu Mộc Bài" in titles(fetch(client, hcm["host"], "/api/images/"))
    image.delete()
    assert titles(fetch(client, hcm["host"], "/api/images/")) == []


def test_cors_allows_configured_app_origins_only(client, sites, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.customs.gov.vn"]
    allowed = client.get(
        "/api/department/", HTTP_HOST=sites["HCM"]["host"], HTTP_ORIGIN="https://app.customs.gov.vn"
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://app.customs.gov.vn"
    other = client.get(
        "/api/department/", HTTP_HOST=sites["HCM"]["host"], HTTP_ORIGIN="https://evil.example"
    )
    assert "Access-Control-Allow-Origin" not in other


REDIS_URL = os.environ.get("API_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis unreachable at {REDIS_URL}: {error}")
    return client


def test_two_processes_sharing_redis_see_invalidation_from_each_other(client, sites):
    raw = _redis()
    prefix = f"apitest{uuid.uuid4().hex[:8]}"
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    host = sites["HCM"]["host"]
    try:
        with override_settings(CACHES=redis_cache):
            assert fetch(client, host)["X-Cache"] == "miss"
            assert (
                fetch(client, host)["X-Cache"] == "hit"
            )  # stored in Redis, visible to every process
            generation_key = f"{prefix}:1:api:generation"
            assert raw.exists(generation_key)
            # Another process (a separate interpreter) publishes something: it bumps the shared generation.
            script = "import redis,sys; r=redis.Redis.from_url(sys.argv[1]); r.incr(sys.argv[2])"
            subprocess.run(
                [sys.executable, "-c", script, REDIS_URL, generation_key], check=True, timeout=30
            )
            assert (
                fetch(client, host)["X-Cache"] == "miss"
            )  # this process no longer serves the stale entry
    finally:
        for key in raw.scan_iter(f"{prefix}:*"):
            raw.delete(key)


@pytest.fixture
def library_items(sites):
    from cms.library.models import LocalNote
    from tests.cms.library.factories import procedure

    item = procedure("1.008316", en=False)
    note = LocalNote.objects.create(
        department=sites["HCM"]["department"], procedure=item, office="Chi cục Hải quan Cát Lái"
    )
    return {"procedure": item, "note": note, "host": sites["HCM"]["host"]}


@pytest.mark.parametrize("change", ["publish", "unpublish", "delete"])
def test_library_changes_invalidate_cached_responses_at_once(client, library_items, change):
    from cms.library.translation import publish

    host, item = library_items["host"], library_items["procedure"]
    assert titles(fetch(client, host, "/api/procedures/")) == [item.title]
    assert fetch(client, host, "/api/procedures/")["X-Cache"] == "hit"
    if change == "publish":
        item.title = "Thủ tục hải quan (sửa đổi)"
        publish(item)
        assert titles(fetch(client, host, "/api/procedures/")) == ["Thủ tục hải quan (sửa đổi)"]
        return
    if change == "unpublish":
        item.unpublish()
    else:
        item.delete()
    assert titles(fetch(client, host, "/api/procedures/")) == []


def test_local_note_changes_invalidate_cached_responses_at_once(client, library_items):
    host, note = library_items["host"], library_items["note"]

    def offices():
        response = client.get("/api/local-notes/", HTTP_HOST=host)
        return [item["office"] for item in response.json()["items"]]

    assert offices() == ["Chi cục Hải quan Cát Lái"]
    note.office = "Chi cục Hải quan Tân Sơn Nhất"
    note.save()
    assert offices() == ["Chi cục Hải quan Tân Sơn Nhất"]
    note.delete()
    assert offices() == []


def test_renditions_are_served_from_the_cache_until_the_image_changes(client, sites):
    hcm = sites["HCM"]
    image = get_image_model().objects.create(
        title="Ảnh", file=get_test_image_file(), collection=hcm["department"].collection
    )
    path = f"/api/images/{image.pk}/rendition/"
    params = {"size": "thumbnail", "format": "webp"}
    first = client.get(path, params, HTTP_HOST=hcm["host"])
    assert first["X-Cache"] == "miss" and first.json()["url"].endswith(".webp")
    # Making the rendition did not flush the cache: the same answer comes from it.
    assert client.get(path, params, HTTP_HOST=hcm["host"])["X-Cache"] == "hit"
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    assert client.get(path, params, HTTP_HOST=hcm["host"])["X-Cache"] == "miss"


def _second_process_environment() -> dict[str, str]:
    """The second app process uses this run's test database (on PostgreSQL, `test_<name>`)."""
    from django.db import connection

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return env


def test_a_change_saved_by_another_app_process_invalidates_this_ones_redis_cache(client, sites):
    """A second interpreter with the same Redis cache runs the content-change signal handler
    (as it would on publish); this process's next answer is recomputed, not the stale one."""
    raw = _redis()
    prefix = f"apitest{uuid.uuid4().hex[:8]}"
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    script = (
        "import os, sys\n"
        "import cms.settings.test as s\n"
        "s.CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache',"
        " 'LOCATION': sys.argv[1], 'KEY_PREFIX': sys.argv[2]}}\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'cms.settings.test'\n"
        "import django; django.setup()\n"
        "from cms.api.signals import invalidate_on_content_change\n"
        "from cms.library.models import Procedure\n"
        "invalidate_on_content_change(sender=Procedure)\n"
    )
    host = sites["HCM"]["host"]
    try:
        with override_settings(CACHES=redis_cache):
            assert fetch(client, host)["X-Cache"] == "miss"
            assert fetch(client, host)["X-Cache"] == "hit"
            subprocess.run(
                [sys.executable, "-c", script, REDIS_URL, prefix],
                check=True,
                timeout=120,
                env=_second_process_environment(),
            )
            assert fetch(client, host)["X-Cache"] == "miss"
    finally:
        for key in raw.scan_iter(f"{prefix}:*"):
            raw.delete(key)


def test_every_ignored_model_label_names_an_installed_model():
    """A misspelt label would silently flush the whole cache on every write of that model."""
    from django.apps import apps
    from django.db import connection

    from cms.api.signals import IGNORED_MODELS

    for label in IGNORED_MODELS:
        if label == "wagtailsearch.sqliteftsindexentry" and connection.vendor != "sqlite":
            continue  # Wagtail defines its full-text index table on SQLite only
        assert apps.get_model(label)._meta.label_lower == label


def test_a_public_search_does_not_flush_the_api_cache(client, sites):
    """Searching records a popular query (bookkeeping): cached API responses stay hits."""
    hcm = sites["HCM"]
    fetch(client, hcm["host"])
    assert client.get("/vi/search/", {"q": "hải quan"}, HTTP_HOST=hcm["host"]).status_code in (
        200,
        302,
    )
    from search.models import PopularQuery

    assert PopularQuery.objects.exists()
    assert fetch(client, hcm["host"])["X-Cache"] == "hit"
