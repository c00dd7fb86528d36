"""Settings of the `db_worker` process that tests/cms/core/test_task_worker.py starts.

The test settings, with the database task backend, media on disk and e-mail to files at the
paths the test gives, so the worker and the test process share them.
"""

import os

from cms.core.storage_settings import task_backends
from cms.settings.test import *  # noqa: F403

TASKS = task_backends("database")
MEDIA_ROOT = os.environ["WORKER_TEST_MEDIA_ROOT"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["WORKER_TEST_EMAIL_DIR"]
WEBHOOK_RETRY_BASE_SECONDS = 0.5
RENDITION_PREGENERATE = ["width-40", "fill-20x20"]
