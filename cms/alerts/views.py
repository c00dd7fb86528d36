"""Public views: the Atom feed of a site's alerts per language, and its operating-status page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Site

from sites.http import DepartmentRequest, request_department
from sites.models import DepartmentSettings

from .models import Gate
from .services import alerts_shown

HISTORY_ROWS = 50


@require_GET
def alerts_feed(request: DepartmentRequest, language: str) -> HttpResponse:
    """Atom: the alerts the request's site shows now in `language` (404 for other languages)."""
    department = request_department(request)
    if language not in dict(settings.LANGUAGES):
        raise Http404
    site = Site.find_for_request(request)
    with translation.override(language):
        name = DepartmentSettings.for_request(request).localized_display_name(
            language
        ) or department.localized_name(language)
        feed = feedgenerator.Atom1Feed(
            title=_("Alerts – %(name)s") % {"name": name},
            link=request.build_absolute_uri(f"/{language}/"),
            description=_("Alerts and notices of %(name)s") % {"name": name},
            language=language,
            feed_url=request.build_absolute_uri(),
            feed_guid=request.build_absolute_uri(),
        )
        for alert in alerts_shown(department).alerts:
            feed.add_item(
                title=f"{alert.get_severity_display()}: {alert.localized('title', language)}",
                link=alert.link or request.build_absolute_uri(f"/{language}/"),
                description=alert.localized("text", language),
                pubdate=alert.starts_at,
                updateddate=alert.last_published_at or alert.starts_at,
                unique_id=f"tag:{site.hostname if site else 'portal'},alert:{alert.pk}",
                categories=[alert.severity],
            )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _gates(request: DepartmentRequest):
    return Gate.objects.filter(department=request_department(request))


@require_GET
def status_page(request: DepartmentRequest) -> TemplateResponse:
    """Every gate and office of the site's department with its current status, beside the
    department's contact details."""
    return TemplateResponse(request, "alerts/status.html", {"gates": _gates(request)})


@require_GET
def gate_history(request: DepartmentRequest, pk: int) -> TemplateResponse:
    gate = get_object_or_404(_gates(request), pk=pk)
    return TemplateResponse(
        request,
        "alerts/gate_history.html",
        {"gate": gate, "history": gate.history.all()[:HISTORY_ROWS]},
    )
