"""`/api/statistics/…`: online public service figures — the Host's department's (national on
HQ's site), the national ones from any site, per service, the coverage by online level — and
the push of monthly figures by a department's own systems (token).

The summary has the shape of the statistics page's JSON download (`cms.statistics.opendata`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.utils import translation

from cms.statistics import exchange
from cms.statistics.figures import by_service, coverage, default_year, statistics
from cms.statistics.models import Service
from cms.statistics.opendata import service_data, summary_data
from sites.models import Department

from .http import TOKEN, ApiError, Body, Endpoint, Field, NotFound, Query, Schema
from .scope import Language, Scope

Percent = Annotated[
    float | None, Field(description="Percent, one decimal; null: nothing to divide.")
]
MAX_PUSH = 5000


class YearQuery(Query):
    locale: Language | None = Field(
        None, description="Language of the names; default from Accept-Language, then vi."
    )
    year: int | None = Field(
        None, ge=2000, le=2100, description="The calendar year; default: the latest with figures."
    )


class ServiceQuery(YearQuery):
    code: str | None = Field(
        None, max_length=40, description="One service's code (a procedure's `1.008316`)."
    )


class Counts(Schema):
    received_online: int = Field(description="Dossiers received online.")
    received_other: int = Field(description="Dossiers received otherwise (paper, in person).")
    processed: int
    on_time: int = Field(description="Processed within the time the procedure sets.")
    late: int
    pending: int = Field(description="Summed over the months' ends.")
    online_traders: int = Field(
        description="Traders submitting online, summed over the months (a trader counts in "
        "every month they submitted)."
    )
    received: int = Field(description="received_online + received_other.")
    online_share: Percent
    on_time_rate: Percent


class MonthCounts(Counts):
    month: str = Field(description="`2026-01`.", pattern=r"^\d{4}-\d{2}$")


class ServiceCounts(Counts):
    code: str
    name: str = Field(description="In the requested language.")
    is_procedure: bool = Field(description="An administrative procedure (else another service).")


class DepartmentCounts(Counts):
    code: str
    name: str


class CoverageFigures(Schema):
    """Procedures by online service level, each by its latest classification up to the year."""

    procedures: int
    online: int = Field(description="At level 3 or 4.")
    online_share: Percent
    by_level: dict[Literal["1", "2", "3", "4"], int]
    level4_share: Percent
    fully_online: int
    core: int = Field(description="Core (popular) procedures.")
    core_fully_online: int
    core_fully_online_share: Percent


class TargetProgress(Schema):
    measure: Literal["level3_share", "level4_share", "core_full_share", "on_time_rate"]
    actual: Percent
    target: Percent
    reached: bool | None = Field(description="null when there is no target or no figure.")


class StatisticsSummary(Schema):
    year: int
    scope: str = Field(description="The department's code, or `national`.")
    coverage: CoverageFigures
    totals: Counts
    months: list[MonthCounts] = Field(description="Twelve months, January first.")
    top_services: list[ServiceCounts] = Field(description="Ten, by dossiers received online.")
    departments: list[DepartmentCounts] = Field(
        description="Nationally: every department with figures; else empty."
    )
    targets: list[TargetProgress] = Field(
        description="The department's targets for the year, else the national ones."
    )
    years: list[int] = Field(description="Years with figures, latest first.")


class ServiceListing(Schema):
    year: int
    scope: str
    items: list[ServiceCounts]


class CoverageAnswer(Schema):
    year: int
    coverage: CoverageFigures


class FigureIn(Body):
    """One month of one service. `processed` is not sent: it is on_time + late."""

    service: str = Field(
        pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$",
        description="A counted service's code (an unknown one is 404).",
    )
    month: str = Field(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$", description="`2026-01`.")
    department: str | None = Field(
        None, max_length=20, description="Optional; if given, the token's department's code."
    )
    received_online: int = Field(0, ge=0, le=exchange.COUNT_MAX)
    received_other: int = Field(0, ge=0, le=exchange.COUNT_MAX)
    on_time: int = Field(0, ge=0, le=exchange.COUNT_MAX // 2)
    late: int = Field(0, ge=0, le=exchange.COUNT_MAX // 2)
    pending: int = Field(0, ge=0, le=exchange.COUNT_MAX)
    online_traders: int = Field(0, ge=0, le=exchange.COUNT_MAX)


class FiguresPush(Body):
    figures: list[FigureIn] = Field(min_length=1, max_length=MAX_PUSH)


class PushResult(Schema):
    created: int
    updated: int
    unchanged: int


def _scope_department(scope: Scope) -> Department | None:
    return None if scope.department.is_headquarters else scope.department


def _summary(department: Department | None, query: YearQuery) -> dict:
    year = query.year or default_year(department)
    return summary_data(statistics(year, department))


site_statistics = Endpoint("/api/statistics/", name="statistics")


@site_statistics.get(
    summary="Online public service figures of this site's department",
    description=(
        "Coverage by online level, dossiers of the year (received online and otherwise, "
        "processed, on time), by month, the top services and progress against the year's "
        "targets, for the Host's department; on HQ's site, the national figures. The same "
        "document as the statistics page's JSON download."
    ),
    tag="statistics",
    query=YearQuery,
    response=StatisticsSummary,
)
def statistics_detail(scope: Scope, query: YearQuery) -> dict:
    with translation.override(scope.language):
        return _summary(_scope_department(scope), query)


national_statistics = Endpoint("/api/statistics/national/", name="statistics_national")


@national_statistics.get(
    summary="National online public service figures",
    description="The figures of every department together, with a row per department.",
    tag="statistics",
    query=YearQuery,
    response=StatisticsSummary,
)
def statistics_national(scope: Scope, query: YearQuery) -> dict:
    with translation.override(scope.language):
        return _summary(None, query)


service_statistics = Endpoint("/api/statistics/services/", name="statistics_services")


@service_statistics.get(
    summary="Figures per procedure or service",
    description=(
        "Each service's dossiers of the year for the Host's department (national on HQ's "
        "site), most online dossiers first; `code` gives one procedure's."
    ),
    tag="statistics",
    query=ServiceQuery,
    response=ServiceListing,
)
def statistics_services(scope: Scope, query: ServiceQuery) -> dict:
    department = _scope_department(scope)
    year = query.year or default_year(department)
    with translation.override(scope.language):
        rows = by_service(year, department, code=query.code)
    if query.code is not None and not rows:
        raise NotFound("no figures for this service in this year")
    return {
        "year": year,
        "scope": department.code if department else "national",
        "items": [service_data(row) for row in rows],
    }


coverage_statistics = Endpoint("/api/statistics/coverage/", name="statistics_coverage")


@coverage_statistics.get(
    summary="Procedures online by service level",
    description=(
        "How many administrative procedures are online at level 3 or 4 and at level 4 "
        '("126 of 178"), fully online, and the core ones, as classified for the year.'
    ),
    tag="statistics",
    query=YearQuery,
    response=CoverageAnswer,
)
def statistics_coverage(scope: Scope, query: YearQuery) -> dict:
    year = query.year or default_year(None)
    return {"year": year, "coverage": coverage(year).as_dict()}


figures_push = Endpoint("/api/statistics/figures/", name="statistics_figures")


@figures_push.post(
    summary="Push monthly figures of this token's department",
    description=(
        "Creates or corrects monthly figures, keyed by service and month, for the token's "
        "department only (a `department` naming another one is 403); `processed` is "
        "on_time + late. Every figure is checked first: an unknown service is a 404 and "
        "any other bad figure a 400, naming it, and nothing is written. Sending the same "
        "figures again changes nothing."
    ),
    tag="statistics",
    body=FiguresPush,
    max_bytes=2_000_000,
    body_description="Up to 5,000 figures.",
    response=PushResult,
    security=TOKEN,
    errors=(400, 401, 403, 404, 413, 415),
)
def statistics_push(scope: Scope, query: Query, body: FiguresPush) -> dict:
    token = scope.token
    assert token is not None, "a TOKEN operation runs with the scope's token"
    department = token.department
    known = set(
        Service.objects.filter(code__in={f.service for f in body.figures}).values_list(
            "code", flat=True
        )
    )
    records = []
    for index, item in enumerate(body.figures):
        if item.service not in known:
            raise NotFound(
                "no counted service has this code", parameter=f"figures[{index}].service"
            )
        if item.department not in (None, department.code):
            raise ApiError(
                "figures may be pushed for the token's department only",
                parameter=f"figures[{index}].department",
                status=403,
            )
        data = item.model_dump()
        data["department"] = department.code
        data["processed"] = item.on_time + item.late
        records.append(exchange.normalise(data))
    rows, errors = exchange.validate(records, department=department)
    if errors:
        number, reason = errors[0]
        raise ApiError(reason, parameter=f"figures[{number - 1}]")
    counts = exchange.save(rows)
    return {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged}
