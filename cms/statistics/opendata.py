"""The statistics as JSON data: one shape for the JSON download and the API."""

from __future__ import annotations

from cms.statistics.figures import ServiceRow, Statistics


def service_data(row: ServiceRow) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "is_procedure": row.is_procedure,
        **row.totals.as_dict(),
    }


def summary_data(stats: Statistics) -> dict:
    return {
        "year": stats.year,
        "scope": stats.department.code if stats.department else "national",
        "coverage": stats.coverage.as_dict(),
        "totals": stats.totals.as_dict(),
        "months": [
            {"month": m.month.strftime("%Y-%m"), **m.totals.as_dict()} for m in stats.months
        ],
        "top_services": [service_data(row) for row in stats.top_services],
        "departments": [
            {"code": row.code, "name": row.name, **row.totals.as_dict()}
            for row in stats.departments
        ],
        "targets": [
            {"measure": p.key, "actual": p.actual, "target": p.target, "reached": p.reached}
            for p in stats.progress
        ],
        "years": stats.years,
    }
