"""Template tags for every theme: the department's name, branding and language links."""

import datetime

from django import template
from django.conf import settings
from django.utils import dateformat, translation

from wagtail.models import Locale, Page, Site

from cms.core.navigation import site_sections
from sites.models import DepartmentSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def department_settings(context) -> DepartmentSettings | None:
    """The request's site settings, loaded once per request (Wagtail caches them on it)."""
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return DepartmentSettings.for_request(request)


@register.simple_tag(takes_context=True)
def department_name(context) -> str:
    """The department's display name in the active language."""
    branding = department_settings(context)
    if branding is None:
        return settings.WAGTAIL_SITE_NAME
    return branding.localized_display_name(translation.get_language() or "vi")


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page: Page | None = None) -> dict:
    """Links to `page` in every other language, or to that language's home when untranslated.

    On a routable page's sub-route (a procedure at `…/thu-tuc-hanh-chinh/1-008316/`)
    the sub-path is carried over: routes are the same in every language.
    """
    request = context.get("request")
    current = translation.get_language()
    site = Site.find_for_request(request) if request else None
    page_url = page.get_url(request) if page and request else None
    sub_path = ""
    if page_url and request.path.startswith(page_url):
        sub_path = request.path[len(page_url) :]
    links = []
    for locale in Locale.objects.all():
        if locale.language_code == current:
            continue
        target = page.get_translation_or_none(locale) if page else None
        fallback = target is None or not target.live
        if fallback and site is not None:
            target = site.root_page.get_translation_or_none(locale)
        if target is None or not target.live:
            continue
        links.append(
            {
                "code": locale.language_code,
                "name": translation.get_language_info(locale.language_code)["name_local"],
                "url": target.get_url(request) + ("" if fallback else sub_path),
                "is_fallback": fallback,
            }
        )
    return {"links": links}


#: How dates read in each language: dd/mm/yyyy in Vietnamese, "5 February 2026" in English.
DATE_FORMATS = {"vi": "d/m/Y", "en": "j F Y"}
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


@register.filter
def local_date(value: datetime.date | None) -> str:
    """A date in the active language's format."""
    if value is None:
        return ""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return dateformat.format(value, DATE_FORMATS.get(language, "d/m/Y"))


@register.simple_tag
def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def language_alternates(context, page: Page | None) -> list[dict]:
    """Full URLs of the live translations of `page`, for `hreflang` links (one query)."""
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return []
    translations = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .select_related("locale")
        .only("id", "path", "url_path", "locale", "translation_key")
    )
    alternates = [
        {"code": item.locale.language_code, "url": item.get_full_url(request)}
        for item in translations
    ]
    return alternates if len(alternates) > 1 else []


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """The site's home in the active language and its live public sections (two queries)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"home": None, "sections": []}
    home = site.root_page.localized
    sections = list(site_sections(home).only("id", "title", "path", "url_path"))
    return {"home": home, "sections": sections}


@register.filter
def is_within(page: Page | None, section: Page) -> bool:
    """Whether `page` is `section` or below it (for `aria-current` in the menu)."""
    path = getattr(page, "path", "")
    return bool(path) and path.startswith(section.path)
