"""Server-side response cache and HTTP caching for the public API.

Key: a generation number, the Host, the language and the full query. Any change
to content a response may contain (pages, snippets, library items, images,
documents, settings) increments the generation (``cms.api.signals``), so every
cached response is stale at once — in every process sharing the cache (Redis
when REDIS_URL is set). Responses carry an ETag (If-None-Match → 304),
``Cache-Control: public, max-age`` and ``Vary: Accept-Language``.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

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


def cache_key(request: HttpRequest) -> str:
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    language = request.GET.get("locale") or request.headers.get("Accept-Language", "")
    raw = f"{request.get_host()}|{language}|{request.path}|{query}"
    return f"api:r:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def finish(request: HttpRequest, response: HttpResponse, etag: str | None) -> HttpResponse:
    patch_vary_headers(response, ["Accept-Language"])
    if response.status_code == 200 and etag:
        response["ETag"] = etag
        response["Cache-Control"] = (
            f"public, max-age={getattr(settings, 'API_CACHE_MAX_AGE', MAX_AGE)}"
        )
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
    key = cache_key(request)
    hit = cache.get(key)
    if hit is not None:
        body, content_type, etag = hit
        response = HttpResponse(body, content_type=content_type)
        response["X-Cache"] = "hit"
        return finish(request, response, etag)
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
            timeout=getattr(settings, "API_CACHE_TIMEOUT", 300),
        )
        response["X-Cache"] = "miss"
    return finish(request, response, etag)


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
