"""The figures' exchange format (CSV or JSON, one record per department, service and month)
and its import, shared by `manage.py import_statistics` and the push endpoint of the API.

    department,service,month,received_online,received_other,processed,on_time,late,pending,online_traders
    HCM,1.008316,2026-01,1200,30,1225,1225,0,5,310

Like the library's import: every record is validated before anything is written, so a file
with one bad row changes nothing; rows are keyed by (department, service, month) and only
what differs is written, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cms.core.exchange import Counts, ExchangeError, json_records
from cms.statistics.models import MonthlyFigure, Service
from cms.statistics.models.figures import COUNTS, figure_problems
from cms.statistics.signals import figures_saved
from sites.models import Department

COLUMNS = ("department", "service", "month", *COUNTS)
#: Larger than any month's count a department's system could report; a typo guard.
COUNT_MAX = 100_000_000


@dataclass(frozen=True)
class Row:
    """One valid record, resolved to ids."""

    department_id: int
    service_id: int
    month: datetime.date
    counts: dict[str, int]


def read_records(path: Path) -> list[dict]:
    """Records of a .csv or .json file, every value as a stripped string."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ExchangeError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    suffix = path.suffix.lower()
    if suffix == ".json":
        return [normalise(row) for row in json_records(path, text)]
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines(keepends=True))
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ExchangeError(
                _("%(path)s lacks the columns %(columns)s.")
                % {"path": path, "columns": ", ".join(missing)}
            )
        return [normalise(row) for row in reader]
    raise ExchangeError(_("Use a .csv or .json file, not %(name)s.") % {"name": path.name})


def normalise(record: dict) -> dict:
    """Every column, as a string ("" when absent); unknown keys kept to be reported."""
    result = {
        key: "" if value is None else str(value).strip() for key, value in record.items() if key
    }
    for column in COLUMNS:
        result.setdefault(column, "")
    return result


def parse_month(text: str) -> datetime.date | None:
    """ "2026-01" (or "2026-01-01") as the month's first day; None when it is no month."""
    try:
        year, month = text[:7].split("-")
        if len(text) not in (7, 10) or (len(text) == 10 and not text.endswith("-01")):
            return None
        return datetime.date(int(year), int(month), 1)
    except ValueError:
        return None


def validate(
    records: list[dict], department: Department | None = None
) -> tuple[list[Row], list[tuple[int, str]]]:
    """The resolved rows and every problem as (row number from 1, reason).

    With `department` (a token's), every record must be that department's.
    """
    departments = dict(Department.objects.values_list("code", "pk"))
    services = dict(Service.objects.values_list("code", "pk"))
    rows: list[Row] = []
    errors: list[tuple[int, str]] = []
    seen: dict[tuple[int, int, datetime.date], int] = {}
    for number, record in enumerate(records, start=1):
        reasons = list(record_errors(record, departments, services, department))
        if not reasons:
            row = Row(
                departments[record["department"]],
                services[record["service"]],
                parse_month(record["month"]),  # type: ignore[arg-type]
                {name: int(record[name] or 0) for name in COUNTS},
            )
            key = (row.department_id, row.service_id, row.month)
            if key in seen:
                reasons.append(
                    _("the same department, service and month as row %(row)s") % {"row": seen[key]}
                )
            else:
                seen[key] = number
                rows.append(row)
        errors.extend((number, reason) for reason in reasons)
    return rows, errors


def record_errors(
    record: dict, departments: dict, services: dict, department: Department | None
) -> Iterable[str]:
    unknown = sorted(key for key in record if key not in COLUMNS)
    if unknown:
        yield _("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)}
    code = record["department"]
    if code not in departments:
        yield _("department “%(code)s” is not a department code") % {"code": code}
    elif department is not None and code != department.code:
        yield _("department “%(code)s” is not this token's department") % {"code": code}
    if record["service"] not in services:
        yield _("service “%(code)s” is not a counted service") % {"code": record["service"]}
    month = parse_month(record["month"])
    if month is None:
        yield _("month “%(value)s” is not a month such as 2026-01") % {"value": record["month"]}
    counts: dict[str, int] = {}
    for name in COUNTS:
        value = record[name] or "0"
        if not (value.isascii() and value.isdigit() and int(value) <= COUNT_MAX):
            yield _("%(column)s “%(value)s” is not a whole number from 0 to %(max)s") % {
                "column": name,
                "value": record[name],
                "max": COUNT_MAX,
            }
        else:
            counts[name] = int(value)
    if len(counts) == len(COUNTS):
        yield from figure_problems(counts).values()


@transaction.atomic
def save(rows: list[Row]) -> Counts:
    """Create or update the rows' figures; those already equal are left alone."""
    counts = Counts()
    if not rows:
        return counts
    existing = {
        (f.department_id, f.service_id, f.month): f
        for f in MonthlyFigure.objects.filter(
            department_id__in={r.department_id for r in rows},
            service_id__in={r.service_id for r in rows},
            month__in={r.month for r in rows},
        )
    }
    create, update = [], []
    for row in rows:
        figure = existing.get((row.department_id, row.service_id, row.month))
        if figure is None:
            create.append(
                MonthlyFigure(
                    department_id=row.department_id,
                    service_id=row.service_id,
                    month=row.month,
                    **row.counts,
                )
            )
        elif any(getattr(figure, name) != value for name, value in row.counts.items()):
            for name, value in row.counts.items():
                setattr(figure, name, value)
            update.append(figure)
        else:
            counts.unchanged += 1
    MonthlyFigure.objects.bulk_create(create, batch_size=1000)
    MonthlyFigure.objects.bulk_update(update, list(COUNTS), batch_size=1000)
    counts.created, counts.updated = len(create), len(update)
    if create or update:
        figures_saved.send(MonthlyFigure, created=counts.created, updated=counts.updated)
    return counts
