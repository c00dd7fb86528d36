"""The task backend, webhook address policy and media storage that production derives."""

from __future__ import annotations

import pytest

from tests.cms.settings.test_production import PRODUCTION_ENV, manage

SHOW = (
    "from django.conf import settings as s; "
    "print(s.TASKS['default']['BACKEND'], s.WEBHOOK_ALLOW_PRIVATE_ADDRESSES, "
    "s.STORAGES['default']['BACKEND'], s.STORAGES['default'].get('OPTIONS', {}).get('bucket_name'))"
)


def test_production_queues_tasks_for_the_worker_and_refuses_private_webhooks():
    result = manage("shell", "-c", SHOW, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "django_tasks_db.DatabaseBackend",
        "False",
        "django.core.files.storage.FileSystemStorage",
        "None",
    ]


def test_a_named_bucket_puts_media_on_s3():
    env = {
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "cong-thong-tin",
        "TASKS_BACKEND": "immediate",
    }
    result = manage("shell", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "django_tasks.backends.immediate.ImmediateBackend",
        "False",
        "storages.backends.s3.S3Storage",
        "cong-thong-tin",
    ]


@pytest.mark.parametrize("value", ["celery", ""])
def test_an_unknown_task_backend_stops_the_start_with_one_line(value):
    result = manage("check", env={**PRODUCTION_ENV, "TASKS_BACKEND": value})
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of immediate, database" in result.stderr
