"""Server-side response cache and HTTP caching for the public API.

Key: a generation number, the Host, the language and the full query. Any change
to content a response may contain (pages, snippets, library items, images,
documents, settings) increments the generation (``cms.api.signals``), so every
cached response is stale at once — in every process sharing the cache (Redis
when REDIS_URL is set). Responses carry an ETag (If-None-Match → 304),
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

from .http import READ_METHODS, allowed_methods, method_not_allowed

GENERATION_KEY = "api:generation"
MAX_AGE = 60


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def invalidate() -> None:
    """Make every cached API response stale (all hosts, all processes sharing the cache)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def cache_key(request: HttpRequest, window: str = "") -> str:
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    language = request.GET.get("locale") or request.headers.get("Accept-Language", "")
    raw = f"{request.get_host()}|{language}|{request.path}|{query}|{window}"
    return f"api:r:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


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
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
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
    window, remaining = alert_window(generation())
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
