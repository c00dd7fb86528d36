"""Template tags for every theme: the department's name, branding and language links."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page, Site

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
