"""Template tags for every theme: the department's name, branding and language links."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page, Site

from sites.models import DepartmentSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def department_settings(context) -> DepartmentSettings | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return DepartmentSettings.for_site(site) if site else None


@register.simple_tag(takes_context=True)
def department_name(context) -> str:
    """The department's display name in the active language."""
    branding = department_settings(context)
    if branding is None:
        return settings.WAGTAIL_SITE_NAME
    return branding.localized_display_name(translation.get_language() or "vi")


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page: Page | None = None) -> dict:
    """Links to `page` in every other language, or to that language's home when untranslated."""
    request = context.get("request")
    current = translation.get_language()
    site = Site.find_for_request(request) if request else None
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
                "url": target.get_url(request),
                "is_fallback": fallback,
            }
        )
    return {"links": links}
