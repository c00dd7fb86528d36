"""Per-site public surfaces: sitemap, robots.txt, and the themed 404 and 500 pages.

Each answers for the request's site only (Wagtail's site matching on the Host).
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.models import Page, Site

from sites.models import DepartmentSettings
from themes.context import current_theme
from themes.registry import DEFAULT_THEME

DEFAULT_BRAND_COLOUR = "#0b4f8a"


def site_pages(site: Site):
    """Live public pages of one site in every language (its home's translations and below)."""
    homes = Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
        "path", flat=True
    )
    condition = Q()
    for path in homes:
        condition |= Q(path__startswith=path)
    if not condition:
        return Page.objects.none()
    return Page.objects.filter(condition).live().public()


def sitemap_entries(request: HttpRequest, site: Site) -> list[dict]:
    """One entry per page and language, each listing every language's URL as alternates."""
    pages = list(
        site_pages(site)
        .select_related("locale")
        .only("id", "path", "url_path", "translation_key", "last_published_at", "locale")
        .order_by("path")
    )
    by_key: dict = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    entries = []
    for page in pages:
        alternates = [
            {"lang": other.locale.language_code, "url": other.get_full_url(request)}
            for other in by_key[page.translation_key]
        ]
        default = next(
            (alt["url"] for alt in alternates if alt["lang"] == settings.LANGUAGE_CODE), None
        )
        entries.append(
            {
                "url": page.get_full_url(request),
                "lastmod": page.last_published_at,
                "alternates": alternates if len(alternates) > 1 else [],
                "x_default": default,
            }
        )
    return entries


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return TemplateResponse(
        request,
        "core/sitemap.xml",
        {"entries": sitemap_entries(request, site)},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public site, not the admin or the API; the sitemap is this site's."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /beacon/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve_document(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """Wagtail's document download, without the Content-Encoding its sendfile helper adds.

    That helper copies the *encoding* `mimetypes` guesses from the file name into
    Content-Encoding: "None" for most files, "gzip" for a `.tar.gz`, which makes
    browsers unpack the download. A document is sent as stored, so no encoding
    applies; its type comes from `WAGTAILDOCS_CONTENT_TYPES` (`application/gzip`).
    Privacy checks, hooks, the `document_served` signal and ETags stay Wagtail's.
    """
    response = wagtail_serve_document(request, document_id, document_filename)
    response.headers.pop("Content-Encoding", None)
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the site's theme (the middleware chose it) and the URL's language."""
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


def bad_request_message(exception: Exception | None) -> str:
    """What a 400 tells the visitor: an unknown host (`sites.hosts`, ALLOWED_HOSTS) or bad input."""
    if isinstance(exception, DisallowedHost):
        return _("This address is not a site of this portal.")
    return _("The request could not be understood.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 in the uniform theme, reading nothing from the database.

    The host may be no department's (so there is no site to brand it with) and
    `request.get_host()` may raise, so the page names no site.
    """
    context = {
        "LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE,
        "message": bad_request_message(exception),
    }
    token = current_theme.set(DEFAULT_THEME)
    try:
        return HttpResponse(loader.get_template("400.html").render(context), status=400)
    finally:
        current_theme.reset(token)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the site's theme and language, from what the request already holds.

    It renders without context processors and reads branding only if an earlier
    step of this request loaded it, so it still answers when the database is down.
    """
    branding = getattr(request, DepartmentSettings.get_cache_attr_name(), None)
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "LANGUAGE_CODE": language,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "brand_colour": DEFAULT_BRAND_COLOUR,
        "home_url": f"/{language}/",
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
    theme = DEFAULT_THEME
    if branding is not None:
        context["site_name"] = branding.localized_display_name(language) or context["site_name"]
        context["brand_colour"] = branding.brand_colour or DEFAULT_BRAND_COLOUR
        theme = branding.theme
    # The middleware's theme resolver may read the database; use what is already loaded.
    token = current_theme.set(theme)
    try:
        return HttpResponse(loader.get_template("500.html").render(context), status=500)
    finally:
        current_theme.reset(token)
