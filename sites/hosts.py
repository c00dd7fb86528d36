"""Which hosts the portal answers: each department's hostname, the aliases and the admin's host.

Wagtail's `Site.find_for_request` answers any hostname it does not know with the
default site (HQ), so `evil.localhost`, `127.0.0.1` or `x.hcm.localhost` would
get HQ's pages and API. With `PORTAL_STRICT_HOSTS` (on in production) the
department middleware asks `unknown_host_response` with the site it has just
resolved: no further query, the department comes from the shared cache.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.http.request import split_domain_port

from wagtail.models import Site

from sites.models import Department

# The admin and the document downloads it links to (relative URLs) also answer on the admin's host.
ADMIN_HOST_PATHS = ("/admin/", "/documents/")


def admin_hostname() -> str:
    """The admin's host, from `WAGTAILADMIN_BASE_URL` (the address its e-mails link to)."""
    return (urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "").lower()


def is_known_host(
    request: HttpRequest, hostname: str, site: Site | None, department: Department | None
) -> bool:
    """True when `hostname` is the department's own, an alias, or the admin's host for the admin."""
    if department is not None and site is not None and site.hostname.lower() == hostname:
        return True
    if hostname in {alias.lower() for alias in settings.PORTAL_HOST_ALIASES}:
        return True
    return request.path.startswith(ADMIN_HOST_PATHS) and hostname == admin_hostname()


def unknown_host_response(
    request: HttpRequest, site: Site | None, department: Department | None
) -> HttpResponsePermanentRedirect | None:
    """None for a known host; else a 301 to `PORTAL_CANONICAL_HOST` (GET and HEAD) or a 400.

    The 400 is Django's own answer to a host outside ALLOWED_HOSTS (`DisallowedHost`,
    rendered by `handler400`), so both kinds of unknown host look the same.
    """
    hostname = split_domain_port(request.get_host())[0]
    if is_known_host(request, hostname, site, department):
        return None
    canonical = settings.PORTAL_CANONICAL_HOST
    if (
        canonical
        and request.method in ("GET", "HEAD")
        and split_domain_port(canonical)[0] != hostname
    ):
        return HttpResponsePermanentRedirect(
            f"{request.scheme}://{canonical}{request.get_full_path()}"
        )
    raise DisallowedHost(f"Host {hostname!r} is not the hostname of any department's site.")
