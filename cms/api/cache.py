"""Server-side response cache and HTTP caching for the public API.

Key: the generations of the response's surrogate keys (``all``, ``national`` and its
department's, ``sites.edge``), the Host, the language and the full query. A change to
content a response may contain (pages, snippets, library items, images, documents,
settings) increments the generations of the keys it makes stale (``cms.api.signals``): a
page published in one department stales that department's responses only, shared content
stales all — in every process sharing the cache (Redis when REDIS_URL is set), and the
caching proxy is purged by the same keys. Responses carry an ETag (If-None-Match → 304),
``Cache-Control: public, max-age`` and ``Vary: Accept-Language``.

Alerts start and end by the clock, with no write to bump the generation: the key also names
the current alert window (`cms.alerts.services.alert_window`, which changes at the next start
or end of any live alert), and neither the stored answer nor the client's max-age outlives it.
"""

import hashlib
import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from cms.alerts.services import alert_window
from sites import edge

from .http import READ_METHODS, allowed_methods, method_not_allowed

GENERATION_KEY = "api:generation"  # the generation of `all` (every response)
# The generation alert changes move (`cms.api.signals.log_alert`): the alert window is cached
# under it, so a published, changed or hidden alert's start and end are seen at once.
ALERTS = "alerts"
MAX_AGE = 60


def generation_key(key: str) -> str:
    return GENERATION_KEY if key == edge.ALL else f"{GENERATION_KEY}:{key}"


def response_keys(request: HttpRequest) -> list[str]:
    """The surrogate keys of an API response: everything, its department, HQ's national news."""
    department = getattr(request, "department", None)
    keys = [edge.ALL, edge.NATIONAL]
    if department is not None:
        keys.append(edge.department_key(department.pk))
    return keys


def generation(keys: list[str] | None = None) -> str:
    """The current generations of `keys` (default: `all`), read in one round trip."""
    names = [generation_key(key) for key in keys or [edge.ALL]]
    values = cache.get_many(names)
    missing = [name for name in names if values.get(name) is None]
    for name in missing:
        cache.add(name, 1, timeout=None)
    if missing:
        values.update(cache.get_many(missing))
    return ".".join(str(values.get(name) or 1) for name in names)


def invalidate(keys: set[str] | None = None) -> None:
    """Make cached API responses under `keys` stale (default: all), in every process."""
    for key in keys or {edge.ALL}:
        name = generation_key(key)
        try:
            cache.incr(name)
        except ValueError:
            cache.add(name, 2, timeout=None)


def cache_key(request: HttpRequest, window: str = "") -> str:
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    language = request.GET.get("locale") or request.headers.get("Accept-Language", "")
    raw = f"{request.get_host()}|{language}|{request.path}|{query}|{window}"
    keys = response_keys(request)
    return f"api:r:{generation(keys)}:{hashlib.sha256(raw.encode()).hexdigest()}"


def seconds_left(remaining: float) -> int:
    """Whole seconds a cache may keep an answer that changes in `remaining` seconds (≥ 1)."""
    return max(1, math.floor(remaining))


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def finish(
    request: HttpRequest, response: HttpResponse, etag: str | None, remaining: float | None = None
) -> HttpResponse:
    patch_vary_headers(response, ["Accept-Language"])
    if response.status_code == 200 and etag:
        max_age = getattr(settings, "API_CACHE_MAX_AGE", MAX_AGE)
        if remaining is not None:
            max_age = min(max_age, math.floor(remaining))
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={max(0, max_age)}"
        # Weak comparison (RFC 9110 §13.1.2): a gzipped answer's ETag reaches the client weak
        # (W/"…", CompressionMiddleware), and comes back so.
        sent = request.headers.get("If-None-Match", "").split(",")
        if etag in [tag.strip().removeprefix("W/") for tag in sent]:
            not_modified = HttpResponse(status=304)
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            return not_modified
    elif response.status_code >= 400:
        response["Cache-Control"] = "no-store"
    return response


def cached(request: HttpRequest, produce: Callable[[], HttpResponse]) -> HttpResponse:
    """The response `produce` makes, from the shared cache when it has it (public reads only:
    a request with Authorization is never cached)."""
    if "Authorization" in request.headers:
        return produce()
    edge.add_keys(request, edge.NATIONAL)  # the proxy keeps it under the same keys
    window, remaining = alert_window(generation([ALERTS]))
    key = cache_key(request, window)
    hit = cache.get(key)
    if hit is not None:
        body, content_type, etag = hit
        response = HttpResponse(body, content_type=content_type)
        response["X-Cache"] = "hit"
        return finish(request, response, etag, remaining)
    response = produce()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    etag = None
    if response.status_code == 200:
        body = response.content
        etag = etag_for(body)
        cache.set(
            key,
            (body, response["Content-Type"], etag),
            timeout=min(getattr(settings, "API_CACHE_TIMEOUT", 300), seconds_left(remaining)),
        )
        response["X-Cache"] = "miss"
    return finish(request, response, etag, remaining)


def cached_api(view: Callable) -> Callable:
    """A read-only Django view (Wagtail's viewsets, the document) behind the shared cache,
    with GET/HEAD/OPTIONS only."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in READ_METHODS:
            return method_not_allowed(request, READ_METHODS)
        if request.method == "OPTIONS":
            return allowed_methods(READ_METHODS)
        return cached(request, lambda: view(request, *args, **kwargs))

    # Read-only and cookie-less: CSRF must not turn a bad method into 403.
    return csrf_exempt(wrapper)
