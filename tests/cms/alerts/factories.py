"""Alerts and gates for tests: published alerts (as the system publishes them) and gates."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cms.alerts.models import Alert, Gate, Severity
from sites.models import Department


def alert(
    department: Department,
    title: str = "Hệ thống VNACCS tạm dừng",
    *,
    severity: str = Severity.INFORMATION,
    reach: str = Alert.Reach.OWN,
    chosen: list[Department] | None = None,
    starts: datetime.timedelta = datetime.timedelta(minutes=-5),
    ends: datetime.timedelta | None = datetime.timedelta(hours=2),
    publish: bool = True,
    **fields,
) -> Alert:
    """An alert starting `starts` from now and ending `ends` from now (None: open-ended)."""
    now = timezone.now()
    row = Alert(
        department=department,
        title=title,
        title_en=fields.pop("title_en", f"EN {title}"),
        severity=severity,
        reach=reach,
        starts_at=now + starts,
        ends_at=now + ends if ends is not None else None,
        live=False,  # as the admin creates one: a draft until published
        **fields,
    )
    row.save()
    if chosen:
        row.departments.set(chosen)
        row.save()
    if publish:
        row.save_revision().publish()
        row.refresh_from_db()
    return row


def gate(department: Department, name: str = "Cảng Cát Lái", **fields) -> Gate:
    fields.setdefault("name_en", "Cat Lai Port")
    fields.setdefault("kind", Gate.Kind.SEAPORT)
    return Gate.objects.create(department=department, name=name, **fields)
