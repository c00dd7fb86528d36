"""Purges leave the request for the task worker and are retried with backoff (`sites.tasks`)."""

from __future__ import annotations

from django.test import override_settings
from django.utils import timezone

from django_tasks import task_backends

from sites import edge
from sites.tasks import purge_proxies
from tests.cms.webhooks.receiver import start_receiver

PORT = 8675
DEAD = "http://127.0.0.1:9/"  # the discard port: nothing listens there
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_a_purge_bans_the_keys_on_every_proxy():
    receiver, server = start_receiver(PORT)
    try:
        with override_settings(PROXY_PURGE_URLS=[f"http://127.0.0.1:{PORT}/"]):
            result = purge_proxies.enqueue(["d7", "p42"])
        assert result.return_value == []
        (ban,) = receiver.received
        assert ban.headers["X-Ban-Keys"] == "d7|p42"
    finally:
        server.shutdown()
        server.server_close()


def test_a_failed_purge_is_tried_again_later_on_the_proxy_that_failed_only():
    receiver, server = start_receiver(PORT)
    try:
        proxies = [f"http://127.0.0.1:{PORT}/", DEAD]
        with override_settings(PROXY_PURGE_URLS=proxies, TASKS=DUMMY, PROXY_PURGE_ATTEMPTS=3):
            backend = task_backends["default"]
            assert backend.supports_defer
            before = timezone.now()
            assert purge_proxies.call(["d7"]) == [DEAD]
            (again,) = backend.results
            assert again.args == [["d7"], [DEAD], 2]
            assert again.task.run_after >= before + timezone.timedelta(seconds=10)
            # The last try gives up (logged) instead of queueing another.
            backend.clear()
            assert purge_proxies.call(["d7"], [DEAD], 3) == [DEAD]
            assert backend.results == []
        assert len(receiver.received) == 1  # the live proxy was banned once, not again
    finally:
        server.shutdown()
        server.server_close()


def test_a_change_enqueues_its_purge_after_the_commit(db, django_capture_on_commit_callbacks):
    with override_settings(PROXY_PURGE_URLS=[DEAD], TASKS=DUMMY):
        backend = task_backends["default"]
        with django_capture_on_commit_callbacks(execute=True):
            edge.changed({"d7", "p42"})
            assert backend.results == []  # nothing before the commit
        (queued,) = backend.results
        assert queued.task.name == "purge_proxies" and queued.args == [["d7", "p42"]]
