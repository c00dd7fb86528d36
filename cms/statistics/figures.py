"""The statistics of one year, for one department or the whole country, in a fixed number of
SQL queries (aggregates grouped by month, service and department; never a query per row).

Counted as the seed articles count them: a procedure is online at level 3 or 4 ("126 of 178
procedures online at level 3, 123 at level 4"), classified as of the year asked for (its
latest classification up to that year); dossiers are summed over the year's months.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from cms.statistics.models import Classification, MonthlyFigure, Service, Target
from cms.statistics.models.figures import COUNTS
from sites.models import Department

TOP_SERVICES = 10


def _sums() -> dict:
    return {name: Coalesce(Sum(name), 0, output_field=IntegerField()) for name in COUNTS}


def rate(part: int, whole: int) -> float | None:
    """Percent with one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Totals:
    received_online: int = 0
    received_other: int = 0
    processed: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    online_traders: int = 0

    @classmethod
    def of(cls, row: dict) -> Totals:
        return cls(**{name: int(row.get(name) or 0) for name in COUNTS})

    @property
    def received(self) -> int:
        return self.received_online + self.received_other

    @property
    def online_share(self) -> float | None:
        return rate(self.received_online, self.received)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.processed)

    def as_dict(self) -> dict:
        return {
            **{name: getattr(self, name) for name in COUNTS},
            "received": self.received,
            "online_share": self.online_share,
            "on_time_rate": self.on_time_rate,
        }


@dataclass
class Coverage:
    """Procedures by online level as of a year (only services that are library procedures)."""

    total: int = 0
    by_level: dict[int, int] = field(default_factory=lambda: dict.fromkeys((1, 2, 3, 4), 0))
    fully_online: int = 0
    core: int = 0
    core_fully_online: int = 0

    @property
    def online(self) -> int:
        return self.by_level[3] + self.by_level[4]

    @property
    def level4(self) -> int:
        return self.by_level[4]

    def as_dict(self) -> dict:
        return {
            "procedures": self.total,
            "online": self.online,
            "online_share": rate(self.online, self.total),
            "by_level": {str(level): count for level, count in self.by_level.items()},
            "level4_share": rate(self.level4, self.total),
            "fully_online": self.fully_online,
            "core": self.core,
            "core_fully_online": self.core_fully_online,
            "core_fully_online_share": rate(self.core_fully_online, self.core),
        }


@dataclass
class Month:
    month: datetime.date
    totals: Totals


@dataclass
class ServiceRow:
    code: str
    name: str
    is_procedure: bool
    totals: Totals


@dataclass
class DepartmentRow:
    code: str
    name: str
    totals: Totals


@dataclass
class Progress:
    """One target measure: what was reached against what was set (percent)."""

    key: str
    actual: float | None
    target: float | None

    @property
    def reached(self) -> bool | None:
        if self.actual is None or self.target is None:
            return None
        return self.actual >= self.target


@dataclass
class Statistics:
    year: int
    department: Department | None  # None: national
    coverage: Coverage
    totals: Totals
    months: list[Month]
    top_services: list[ServiceRow]
    departments: list[DepartmentRow]
    progress: list[Progress]
    years: list[int]

    @property
    def is_national(self) -> bool:
        return self.department is None


def figures_in(year: int, department: Department | None):
    rows = MonthlyFigure.objects.filter(
        month__gte=datetime.date(year, 1, 1), month__lt=datetime.date(year + 1, 1, 1)
    )
    return rows if department is None else rows.filter(department=department)


def coverage(year: int) -> Coverage:
    """One aggregate: each procedure's latest classification up to `year`."""
    latest = (
        Classification.objects.filter(service=OuterRef("service"), year__lte=year)
        .order_by("-year")
        .values("year")[:1]
    )
    full = Q(online=Classification.Online.FULL)
    counts = Classification.objects.filter(
        year=Subquery(latest), service__kind=Service.Kind.PROCEDURE
    ).aggregate(
        total=Count("pk"),
        fully_online=Count("pk", filter=full),
        core=Count("pk", filter=Q(is_core=True)),
        core_fully_online=Count("pk", filter=full & Q(is_core=True)),
        **{f"level{n}": Count("pk", filter=Q(level=n)) for n in (1, 2, 3, 4)},
    )
    return Coverage(
        total=counts["total"],
        by_level={n: counts[f"level{n}"] for n in (1, 2, 3, 4)},
        fully_online=counts["fully_online"],
        core=counts["core"],
        core_fully_online=counts["core_fully_online"],
    )


def monthly(year: int, department: Department | None) -> list[Month]:
    """Twelve months, the empty ones with zeros."""
    rows = (
        figures_in(year, department)
        .annotate(number=ExtractMonth("month"))
        .values("number")
        .annotate(**_sums())
        .order_by("number")
    )
    by_number = {row["number"]: Totals.of(row) for row in rows}
    return [Month(datetime.date(year, n, 1), by_number.get(n, Totals())) for n in range(1, 13)]


def by_service(
    year: int, department: Department | None, limit: int | None = None, code: str | None = None
) -> list[ServiceRow]:
    """Services by dossiers received online, most first."""
    rows = figures_in(year, department)
    if code is not None:
        rows = rows.filter(service__code=code)
    rows = (
        rows.values("service__code", "service__name", "service__name_en", "service__kind")
        .annotate(**_sums())
        .order_by("-received_online", "service__code")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        ServiceRow(
            code=row["service__code"],
            name=Service(
                name=row["service__name"], name_en=row["service__name_en"]
            ).localized_name(),
            is_procedure=row["service__kind"] == Service.Kind.PROCEDURE,
            totals=Totals.of(row),
        )
        for row in rows
    ]


def by_department(year: int) -> list[DepartmentRow]:
    rows = (
        figures_in(year, None)
        .values("department__code", "department__name", "department__name_en")
        .annotate(**_sums())
        .order_by("-received_online", "department__code")
    )
    return [
        DepartmentRow(
            code=row["department__code"],
            name=Department(
                name=row["department__name"], name_en=row["department__name_en"]
            ).localized_name(_language()),
            totals=Totals.of(row),
        )
        for row in rows
    ]


def _language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "vi").split("-")[0]


def target_for(year: int, department: Department | None) -> Target | None:
    """The department's target for the year, else the national one (HQ's)."""
    targets = Target.objects.filter(year=year).filter(
        Q(department__is_headquarters=True)
        | (Q(department=department) if department is not None else Q(pk__in=[]))
    )
    own = [t for t in targets if department is not None and t.department_id == department.pk]
    return own[0] if own else next(iter(targets), None)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def progress(cover: Coverage, totals: Totals, target: Target | None) -> list[Progress]:
    return [
        Progress(
            "level3_share",
            rate(cover.online, cover.total),
            _number(target.level3_share if target else None),
        ),
        Progress(
            "level4_share",
            rate(cover.level4, cover.total),
            _number(target.level4_share if target else None),
        ),
        Progress(
            "core_full_share",
            rate(cover.core_fully_online, cover.core),
            _number(target.core_full_share if target else None),
        ),
        Progress(
            "on_time_rate", totals.on_time_rate, _number(target.on_time_rate if target else None)
        ),
    ]


def years_with_figures(department: Department | None) -> list[int]:
    """From the latest year with figures back to the first, in one index lookup (a DISTINCT
    over every month row would read the whole table)."""
    rows = MonthlyFigure.objects.all()
    if department is not None:
        rows = rows.filter(department=department)
    span = rows.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def default_year(department: Department | None) -> int:
    years = years_with_figures(department)
    return years[0] if years else datetime.date.today().year


def statistics(year: int, department: Department | None) -> Statistics:
    """Everything a statistics page shows; `department=None` is the national one."""
    months = monthly(year, department)
    totals = Totals.of({name: sum(getattr(m.totals, name) for m in months) for name in COUNTS})
    cover = coverage(year)
    return Statistics(
        year=year,
        department=department,
        coverage=cover,
        totals=totals,
        months=months,
        top_services=by_service(year, department, limit=TOP_SERVICES),
        departments=by_department(year) if department is None else [],
        progress=progress(cover, totals, target_for(year, department)),
        years=years_with_figures(department),
    )
