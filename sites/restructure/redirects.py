"""Old addresses after a rename, merge or split: 301 to where the content is now.

Asked by `sites.middleware.DepartmentMiddleware` for every request:

* a merged department's hostname: the page's redirect (a Wagtail `Redirect` on the old site,
  for a path that changed) or else the same path on the department it was merged into;
* a former hostname (`DepartmentAlias`, left by a rename): the same path on the current host;
* a 404 on an active department's site (sections split away): the Wagtail redirect of the
  nearest moved ancestor, with the rest of the path (tags, categories, subpages) kept.

GET and HEAD answer 301; other methods 308, so an API client repeats its request as sent.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from sites.models import DEPARTMENT_CACHE_SECONDS, Department, DepartmentAlias

ALIASES_CACHE_KEY = "departments:aliases"


class HttpResponsePermanentRedirectKeepMethod(HttpResponsePermanentRedirect):
    status_code = 308


def permanent_redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(url)
    return HttpResponsePermanentRedirectKeepMethod(url)


def alias_hosts() -> dict[str, int]:
    """Former hostname → department id, from the shared cache."""
    aliases = cache.get(ALIASES_CACHE_KEY)
    if aliases is None:
        aliases = dict(
            DepartmentAlias.objects.exclude(hostname="").values_list("hostname", "department_id")
        )
        cache.set(ALIASES_CACHE_KEY, aliases, DEPARTMENT_CACHE_SECONDS)
    return aliases


@receiver([post_save, post_delete], sender=DepartmentAlias)
def _forget_aliases(sender, **kwargs) -> None:
    cache.delete(ALIASES_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(ALIASES_CACHE_KEY))


def moved_response(
    request: HttpRequest, site: Site | None, department: Department | None
) -> HttpResponse | None:
    """A redirect for a request to a merged department or a former hostname; else None."""
    from sites.restructure.operations import final_department, host_url

    if department is not None and department.status == Department.Status.MERGED:
        url = moved_url(request, department.site)
        if url is None:
            url = (
                host_url(request.scheme or "http", final_department(department))
                + request.get_full_path()
            )
        return permanent_redirect(request, url)
    hostname = split_domain_port(request.get_host())[0].lower()
    if site is not None and site.hostname.lower() == hostname:
        return None
    department_id = alias_hosts().get(hostname)
    if department_id is None:
        return None
    current = Department.objects.select_related("site").filter(pk=department_id).first()
    if current is None:
        return None
    final = final_department(current)
    return permanent_redirect(
        request, host_url(request.scheme or "http", final) + request.get_full_path()
    )


def moved_url(request: HttpRequest, site: Site) -> str | None:
    """The new address of the path's nearest moved ancestor (the rest of the path kept)."""
    path = request.path
    parts = [part for part in path.split("/") if part]
    candidates = {
        Redirect.normalise_path("/" + "/".join(parts[:length]) + "/"): "/".join(parts[length:])
        for length in range(len(parts), 0, -1)
    }
    found = (
        Redirect.objects.filter(site=site, old_path__in=candidates, redirect_page__isnull=False)
        .select_related("redirect_page")
        .order_by("-old_path")
    )
    best = max(found, key=lambda redirect: len(redirect.old_path), default=None)
    if best is None:
        return None
    page = best.redirect_page.specific_deferred
    url_parts = page.get_url_parts(request=None)
    if url_parts is None:
        return None
    _site_id, root_url, page_path = url_parts
    rest = candidates[best.old_path]
    if rest:
        rest += "/" if path.endswith("/") else ""
    query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    return f"{request.scheme}://{urlsplit(root_url).netloc}{page_path}{rest}{query}"


def moved_after_404(
    request: HttpRequest, site: Site | None, response: HttpResponse
) -> HttpResponse:
    """A 404 on a site some of whose pages moved away: the redirect of the nearest moved ancestor."""
    if response.status_code != 404 or site is None or request.method not in ("GET", "HEAD"):
        return response
    if not Redirect.objects.filter(site=site, redirect_page__isnull=False).exists():
        return response
    url = moved_url(request, site)
    return permanent_redirect(request, url) if url else response
