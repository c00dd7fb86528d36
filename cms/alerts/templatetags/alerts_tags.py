"""`{% site_alerts as alerts %}`: the alerts the request's site shows now (computed at read time)."""

from django import template
from django.http import HttpRequest

from cms.alerts.services import SiteAlerts, alerts_shown

register = template.Library()


@register.simple_tag(takes_context=True)
def site_alerts(context) -> SiteAlerts:
    request: HttpRequest | None = context.get("request")
    department = getattr(request, "department", None) if request is not None else None
    if request is not None and hasattr(request, "_site_alerts"):
        return request._site_alerts
    shown = alerts_shown(department)
    if request is not None:
        request._site_alerts = shown  # type: ignore[attr-defined]  # once per request
    return shown


@register.simple_tag(takes_context=True)
def localized(context, item, field: str) -> str:
    """An alert's or gate's `field` in the active language."""
    from django.utils import translation

    return item.localized(field, translation.get_language() or "vi")
