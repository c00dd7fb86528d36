"""The task worker for real: `manage.py db_worker` in its own process, on PostgreSQL.

This process enqueues (committed, so the worker sees it) a webhook delivery whose first try
fails, an e-mail, an image's rendition pre-generation and a purge; nothing runs here. The worker
runs them all, the webhook twice (the retry waits for its backoff), then is stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import override_settings

from wagtail.images import get_image_model

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.core.storage_settings import task_backends
from cms.core.tasks import purge_keys, send_email
from cms.demo.images import emblem_png
from cms.webhooks import signing
from cms.webhooks.delivery import send_event
from cms.webhooks.models import Delivery, Event, Subscription
from tests.cms.webhooks.receiver import start_receiver

ROOT = Path(__file__).resolve().parents[3]
PORT = 8672
TIMEOUT = 90  # seconds for the worker to finish everything on a loaded 2-core machine

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the worker shares the test database: PostgreSQL only (DATABASE_URL=postgres://…)",
)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


# Outside a test transaction, so what this process writes is committed and the worker sees it;
# the test removes its rows, and the flush after it is rolled back to the migrated data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("restore_database_after_module")
def test_db_worker_runs_webhooks_emails_renditions_and_purges(tmp_path):
    media, mail = tmp_path / "media", tmp_path / "mail"
    media.mkdir()
    mail.mkdir()
    receiver, server = start_receiver(PORT)
    receiver.statuses = [500, 200]
    overrides = override_settings(
        TASKS=task_backends("database"),
        MEDIA_ROOT=str(media),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        RENDITION_PREGENERATE=["width-40", "fill-20x20"],
    )
    worker = None
    started = time.monotonic()
    subscription = image = None
    try:
        with overrides:
            subscription = Subscription(name="Hệ thống giám sát", url=receiver.url)
            subscription.events = [Event.ALERT]
            subscription.new_secret()
            subscription.save()
            (delivery,) = send_event(None, Event.ALERT, {"message": "Hệ thống VNACCS tạm dừng"})
            send_email.enqueue(
                "Xác nhận câu hỏi", "Câu hỏi của bạn đã được tiếp nhận.", ["an@example.vn"]
            )
            image = get_image_model().objects.create(
                title="Biểu trưng Cát Lái", file=emblem_png("CL", "#0b5394", size=64)
            )
            purge_keys.enqueue(["department:HCM", "page:42"])

            queued = DBTaskResult.objects.filter(enqueued_at__gte=subscription.created_at)
            paths = set(
                queued.filter(status=TaskResultStatus.READY).values_list("task_path", flat=True)
            )
            # Ours, and Wagtail's own for the new image (its search index entry among them).
            assert {
                "cms.webhooks.tasks.deliver_webhook",
                "cms.core.tasks.send_email",
                "cms.core.tasks.pregenerate_renditions",
                "cms.core.tasks.purge_keys",
                "modelsearch.tasks.insert_or_update_object_task",
            } <= paths, paths
            assert receiver.received == [] and not image.renditions.exists()  # nothing ran here

            worker = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                ],
                cwd=ROOT,
                env={
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "tests.cms.core.worker_settings",
                    "DATABASE_URL": database_url(),
                    "WORKER_TEST_MEDIA_ROOT": str(media),
                    "WORKER_TEST_EMAIL_DIR": str(mail),
                },
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )

            def finished() -> bool:
                delivery.refresh_from_db()
                return (
                    delivery.status == Delivery.Status.SUCCEEDED
                    and image.renditions.count() == 2
                    and any(mail.iterdir())
                    and not queued.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
                )

            done = wait_until(finished, TIMEOUT)
            statuses = list(queued.values_list("task_path", "status"))
            assert done, f"worker did not finish in {TIMEOUT} s: {statuses}"

            # The webhook: one failed try, then after its backoff a delivered one, both signed.
            assert delivery.attempts == 2 and delivery.response_status == 200
            assert len(receiver.received) == 2
            for request in receiver.received:
                header = request.headers[signing.SIGNATURE_HEADER]
                assert signing.verify(subscription.secret, header, request.body)
            first, second = (r.headers for r in receiver.received)
            assert first[signing.DELIVERY_HEADER] == second[signing.DELIVERY_HEADER]
            # The e-mail, the renditions (on the shared disk) and the purge, by the worker.
            (message,) = list(mail.iterdir())
            text = message.read_text()
            assert "To: an@example.vn" in text and "Câu hỏi của bạn đã được tiếp nhận." in text
            for rendition in image.renditions.all():
                assert (media / rendition.file.name).exists()
            purge = queued.get(task_path="cms.core.tasks.purge_keys")
            assert purge.return_value == 0
            # The webhook's retry was a task of its own, deferred by its backoff.
            assert queued.filter(task_path="cms.webhooks.tasks.deliver_webhook").count() == 2
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            try:
                output, _ = worker.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                output, _ = worker.communicate()
            if worker.returncode not in (0, -signal.SIGTERM):
                print(output)  # noqa: T201 - the worker's log, for the failure's reader
        server.shutdown()
        server.server_close()
        # Committed rows: removed so no other test sees them.
        if subscription is not None and subscription.pk:
            subscription.delete()
        if image is not None and image.pk:
            with override_settings(TASKS=task_backends("immediate"), MEDIA_ROOT=str(media)):
                image.delete()
        DBTaskResult.objects.all().delete()
    assert time.monotonic() - started < TIMEOUT + 30
