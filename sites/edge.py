"""The caching proxy in front of the portal (Varnish, deploy/varnish/): what it may keep, and purges.

Which responses the proxy may keep is the application's answer, given in headers the proxy
reads (deploy/varnish/default.vcl strips them before the client sees them):

* `Surrogate-Control: max-age=N` (N = `PROXY_CACHE_SECONDS`) on a response the proxy may keep:
  a GET or HEAD without a session cookie or an Authorization header, outside the admin and
  the document downloads (private documents are checked per request), not a preview, that
  set no cookie, rendered no CSRF token (forms) and is not marked private or no-store
  (a question's status lookup, Wagtail's private pages);
* `Surrogate-Key: all d<department> [p<page>] [national]`: the keys a purge names;
* every other public response gets `Cache-Control: private, no-store` when it has none, so
  neither the proxy nor a browser's shared cache keeps anything personal.

A change names the keys it makes stale (`keys_for_change`); `purge` bans them in the proxy
(Varnish `BAN` with `X-Ban-Keys`, restricted by ACL to the local host) and the API's server
cache (`cms.api.cache`) moves the same keys' generations. A page published in one department
stales that department's responses only (and, for HQ's pages, the `national` keys every home
page carries); shared content (the library, images, documents, shared snippets) stales `all`.
"""

from __future__ import annotations

import logging
import math
import urllib.request
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

ALL = "all"
NATIONAL = "national"
# Paths the proxy never keeps (the admin and its previews; documents pass their permission check).
UNCACHED_PATHS = ("/admin/", "/documents/", "/django-admin/")
CACHEABLE_STATUS = {200, 203, 300, 301, 404, 410}
# Listeners told of every change's keys (the API's server cache registers one).
_listeners: list[Callable[[set[str]], None]] = []


def department_key(department_id: int) -> str:
    return f"d{department_id}"


def page_key(page_id: int) -> str:
    return f"p{page_id}"


def add_keys(request: HttpRequest, *keys: str) -> None:
    """Tag the response to `request` with more keys (a page, `national`)."""
    request._surrogate_keys = {*getattr(request, "_surrogate_keys", ()), *keys}  # type: ignore[attr-defined]


def limit_age(request: HttpRequest, seconds: float) -> None:
    """The answer changes by itself in `seconds` (an alert starts or ends): the proxy keeps it
    no longer than that (`Surrogate-Control: max-age`, at least 1 s)."""
    current = getattr(request, "_surrogate_max_age", None)
    request._surrogate_max_age = seconds if current is None else min(current, seconds)  # type: ignore[attr-defined]


def cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.path.startswith(UNCACHED_PATHS)
        and not getattr(request, "is_preview", False)
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    """No cookie set, no CSRF token rendered, nothing private (`Vary: Cookie` alone is no reason:
    the request carried no session cookie, so the session read was empty)."""
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code in CACHEABLE_STATUS
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not response.has_header("Set-Cookie")
    )


class EdgeCacheMiddleware:
    """Marks what the proxy may keep, with its keys; everything else public is `private, no-store`.

    Placed before the session, CSRF and authentication middleware, so it sees the cookies and
    `Vary` they add.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(UNCACHED_PATHS):
            return response
        if cacheable_request(request) and _cacheable_response(request, response):
            department = getattr(request, "department", None)
            keys = {ALL, *getattr(request, "_surrogate_keys", ())}
            if department is not None:
                keys.add(department_key(department.pk))
            response["Surrogate-Key"] = " ".join(sorted(keys))
            max_age = settings.PROXY_CACHE_SECONDS
            limit = getattr(request, "_surrogate_max_age", None)
            if limit is not None:
                max_age = max(1, min(max_age, math.floor(limit)))
            response["Surrogate-Control"] = f"max-age={max_age}"
            if not response.has_header("Cache-Control"):
                # Browsers ask again each time (the proxy answers); purges reach them at once.
                patch_cache_control(response, public=True, max_age=0)
        elif not response.has_header("Cache-Control") or (
            response.cookies and "private" not in response["Cache-Control"]
        ):
            response["Cache-Control"] = "private, no-store"
        return response


# --- What a change makes stale -------------------------------------------------------------------


def department_of_page(page: Page) -> int | None:
    """The id of the department whose tree holds `page` (its home page's translation key)."""
    from sites.models import Department

    if page.depth < 2:
        return None
    home = Page.objects.filter(path=page.path[: Page.steplen * 2]).values("translation_key")
    return (
        Department.objects.filter(site__root_page__translation_key__in=home)
        .values_list("pk", flat=True)
        .first()
    )


def _headquarters_ids() -> set[int]:
    from sites.models import Department

    return set(Department.objects.filter(is_headquarters=True).values_list("pk", flat=True))


def keys_for_department(department_id: int | None) -> set[str]:
    if department_id is None:
        return {ALL}
    keys = {department_key(department_id)}
    if department_id in _headquarters_ids():
        keys.add(NATIONAL)  # HQ's national news shows on every department's home page
    return keys


def _field(instance: models.Model, name: str):
    try:
        field = instance._meta.get_field(name)
    except Exception:  # noqa: BLE001  (FieldDoesNotExist, a generic relation)
        return None
    return field if getattr(field, "many_to_one", False) and hasattr(field, "attname") else None


def keys_for_change(instance: models.Model) -> set[str]:
    """The keys a saved, published, moved or deleted object makes stale."""
    from sites.models import Department, department_for_site

    if isinstance(instance, Page):
        keys = keys_for_department(department_of_page(instance))
        return keys | {page_key(instance.pk)}
    for name in ("page", "content_object"):  # a page's tags, links, view restrictions
        field = _field(instance, name)
        related = getattr(field, "related_model", None)
        if isinstance(related, type) and issubclass(related, Page):
            page = Page.objects.filter(pk=getattr(instance, field.attname)).first()
            return keys_for_change(page) if page is not None else set()
    if isinstance(instance, Department):
        return {ALL}  # names and hostnames show in every department's footer and links
    if isinstance(instance, Site):
        department = department_for_site(instance)
        return keys_for_department(department.pk if department else None)
    department_id = getattr(instance, "department_id", None)
    if department_id is not None:
        return keys_for_department(department_id)
    site_id = getattr(instance, "site_id", None)
    if site_id is not None:  # site settings
        department = department_for_site(Site.objects.filter(pk=site_id).first())
        return keys_for_department(department.pk if department else None)
    return {ALL}


# --- Purging --------------------------------------------------------------------------------------


def on_change(listener: Callable[[set[str]], None]) -> None:
    """Call `listener(keys)` for every change (the API's server cache moves its generations)."""
    _listeners.append(listener)


def changed(keys: Iterable[str]) -> None:
    """`keys` are stale: tell the listeners now and again after the commit, purge after it."""
    keys = set(keys)
    if not keys:
        return
    for listener in _listeners:
        listener(keys)

    def after_commit() -> None:
        for listener in _listeners:
            listener(keys)
        if settings.PROXY_PURGE_URLS:
            from .tasks import purge_proxies  # the worker purges, retried (sites/tasks.py)

            purge_proxies.enqueue(sorted(keys))

    transaction.on_commit(after_commit)


def purge(keys: Iterable[str], proxies: Iterable[str] | None = None) -> list[str]:
    """Ban every object the proxies hold under any of `keys`; returns the proxies that failed.

    Runs in the task worker (`sites.tasks.purge_proxies`, retried there), not in the request.
    """
    keys = sorted(set(keys))
    failed = []
    for url in settings.PROXY_PURGE_URLS if proxies is None else proxies:
        request = urllib.request.Request(url, method="BAN", headers={"X-Ban-Keys": "|".join(keys)})
        try:
            with urllib.request.urlopen(request, timeout=settings.PROXY_PURGE_TIMEOUT) as answer:
                answer.read()
        except OSError as error:
            failed.append(url)
            logger.warning("Purging %s from %s failed: %s", keys, url, error)
        else:
            logger.info("Purged %s from %s", keys, url)
    return failed
