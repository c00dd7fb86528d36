"""Per-site public surfaces: sitemap, robots.txt, and the themed 404 and 500 pages.

Each answers for the request's site only (Wagtail's site matching on the Host).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

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


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the site's theme (the middleware chose it) and the URL's language."""
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 in the site's theme: the address holds something no page can read."""
    template = loader.get_template("400.html")
    return HttpResponse(template.render({}, request), status=400)


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
