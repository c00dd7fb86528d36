"""Public statistics pages: /<language>/thong-ke/ (the latest year with figures),
/<language>/thong-ke/<year>/ (or ?year=), and the year's open data as CSV and JSON.

The Host's department's figures; the national ones on HQ's site.
"""

from __future__ import annotations

import csv
import datetime
from typing import Any

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.statistics import charts
from cms.statistics.figures import by_service, default_year, statistics
from cms.statistics.models.figures import COUNTS
from cms.statistics.opendata import summary_data
from sites.http import DepartmentRequest, request_department
from sites.models import Department

YEAR_MIN, YEAR_MAX = 2000, 2100


def scope_of(request: DepartmentRequest) -> Department | None:
    """The Host's department; None (national) on HQ's site."""
    department = request_department(request)
    return None if department.is_headquarters else department


def _year(value: str | int | None, department: Department | None) -> int:
    if value in (None, ""):
        return default_year(department)
    text = str(value)
    if not (text.isascii() and text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX):
        raise Http404
    return int(text)


def progress_label(key: str) -> str:
    return {
        "level3_share": _("Procedures online at level 3 or 4"),
        "level4_share": _("Procedures online at level 4"),
        "core_full_share": _("Core services fully online"),
        "on_time_rate": _("Dossiers processed on time"),
    }[key]


def statistics_page(request: DepartmentRequest, year: int | None = None) -> HttpResponse:
    department = scope_of(request)
    if year is None and request.GET.get("year"):
        chosen = _year(request.GET["year"], department)
        return HttpResponseRedirect(reverse("statistics:year", args=[chosen]))
    year = _year(year, department)
    stats = statistics(year, department)
    context = {
        "stats": stats,
        "department": request_department(request),
        "month_chart": charts.month_chart(stats.months),
        "progress_chart": charts.bar_chart(
            [(progress_label(p.key), p.actual, p.target) for p in stats.progress], scale_max=100
        ),
        "progress_rows": [(progress_label(p.key), p) for p in stats.progress],
        "top_chart": charts.bar_chart(
            [(row.name, row.totals.received_online, None) for row in stats.top_services]
        ),
        "colours": {
            "online": charts.ONLINE_COLOUR,
            "other": charts.OTHER_COLOUR,
            "target": charts.TARGET_COLOUR,
        },
        "csv_url": reverse("statistics:csv", args=[year]),
        "services_csv_url": reverse("statistics:services_csv", args=[year]),
        "json_url": reverse("statistics:json", args=[year]),
        "today": datetime.date.today(),
    }
    return TemplateResponse(request, "statistics/statistics_page.html", context)


def _csv_response(filename: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 only with a BOM
    return response, csv.writer(response)


def _scope_code(department: Department | None) -> str:
    return department.code if department else "national"


def months_csv(request: DepartmentRequest, year: int) -> HttpResponse:
    """The year's months: one row per month, the counts summed over the scope's services."""
    department = scope_of(request)
    year = _year(year, department)
    stats = statistics(year, department)
    response, writer = _csv_response(f"thong-ke-{_scope_code(department)}-{year}.csv")
    writer.writerow(["scope", "month", *COUNTS])
    for month in stats.months:
        writer.writerow(
            [
                _scope_code(department),
                month.month.strftime("%Y-%m"),
                *(getattr(month.totals, n) for n in COUNTS),
            ]
        )
    return response


def services_csv(request: DepartmentRequest, year: int) -> HttpResponse:
    """The year's services: one row per service, the counts summed over the months."""
    department = scope_of(request)
    year = _year(year, department)
    response, writer = _csv_response(f"thong-ke-{_scope_code(department)}-{year}-dich-vu.csv")
    writer.writerow(["scope", "year", "service", "name", "is_procedure", *COUNTS])
    for row in by_service(year, department):
        writer.writerow(
            [
                _scope_code(department),
                year,
                row.code,
                row.name,
                int(row.is_procedure),
                *(getattr(row.totals, n) for n in COUNTS),
            ]
        )
    return response


def summary_json(request: DepartmentRequest, year: int) -> JsonResponse:
    """The same document as the API's /api/statistics/?year=…"""
    department = scope_of(request)
    year = _year(year, department)
    response = JsonResponse(
        summary_data(statistics(year, department)), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-{_scope_code(department)}-{year}.json"'
    )
    return response
