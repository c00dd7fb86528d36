"""`{% site_alerts as alerts %}`: the alerts the request's site shows now (computed at read time)."""

from django import template
from django.http import HttpRequest
from django.utils import timezone

from cms.alerts.services import SiteAlerts, alerts_shown, next_boundary
from sites import edge

register = template.Library()


@register.simple_tag(takes_context=True)
def site_alerts(context) -> SiteAlerts:
    request: HttpRequest | None = context.get("request")
    department = getattr(request, "department", None) if request is not None else None
    if request is not None and hasattr(request, "_site_alerts"):
        return request._site_alerts
    now = timezone.now()
    shown = alerts_shown(department, now)
    if request is not None:
        request._site_alerts = shown  # type: ignore[attr-defined]  # once per request
        # The page changes by itself when an alert starts or ends: the proxy keeps it no longer.
        boundary = next_boundary(now)
        if boundary is not None:
            edge.limit_age(request, (boundary - now).total_seconds())
    return shown


@register.simple_tag(takes_context=True)
def localized(context, item, field: str) -> str:
    """An alert's or gate's `field` in the active language."""
    from django.utils import translation

    return item.localized(field, translation.get_language() or "vi")
