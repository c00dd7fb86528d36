"""The project's WSGI application with MEDIA_URL served from MEDIA_ROOT, for bench/lighthouse.

In production a reverse proxy or a CDN serves media (README, "Running in production"); here
this wrapper stands in for it, with the long cache lifetime such a proxy would give (rendition
file names change when the image does). Everything else goes to `cms.wsgi` unchanged.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from cms.wsgi import application as django_application

mimetypes.add_type("image/avif", ".avif")
mimetypes.add_type("image/webp", ".webp")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


def application(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
    path = environ.get("PATH_INFO", "")
    prefix = settings.MEDIA_URL
    if not path.startswith(prefix):
        return django_application(environ, start_response)
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path[len(prefix) :]).resolve()
    if root not in file.parents or not file.is_file():
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found"]
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    body = file.read_bytes()
    start_response(
        "200 OK",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "public, max-age=31536000, immutable"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [body]
