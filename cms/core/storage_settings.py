"""Settings built from environment variables (read by `cms/settings/base.py`, nothing else).

Imports nothing of Django's models: the settings module imports it before apps load.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

#: TASKS_BACKEND's values: where Wagtail's and the project's background tasks run.
TASK_BACKENDS = {
    # In the process that enqueues, at once (embedded default, tests).
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    # Queued in the database; `manage.py db_worker` runs them (production).
    "database": "django_tasks_db.DatabaseBackend",
}


def task_backends(name: str) -> dict[str, dict[str, Any]]:
    """The TASKS setting for TASKS_BACKEND=`name`."""
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name], "QUEUES": ["default"]}}


def media_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    location: str = "",
    custom_domain: str = "",
    querystring_auth: bool = True,
    querystring_expire: int = 3600,
) -> dict[str, Any]:
    """STORAGES["default"]: local disk (MEDIA_ROOT), or an S3-compatible bucket when one is named.

    Objects are private (no ACL is set: the bucket's policy decides). Documents are always served
    by Wagtail's `serve_view` after its permission check, never by a link to the object; image
    renditions link to the object, signed (`querystring_auth`) unless the bucket's policy makes
    the image prefixes public and `querystring_auth` is off.
    """
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": location,
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": querystring_auth,
        "querystring_expire": querystring_expire,
    }
    for name, value in {
        "endpoint_url": endpoint_url,
        "region_name": region,
        "access_key": access_key,
        "secret_key": secret_key,
        "custom_domain": custom_domain,
    }.items():
        if value:
            options[name] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
