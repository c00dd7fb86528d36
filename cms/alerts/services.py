"""Reading alerts at a moment, and changing a gate's status.

Which alerts show is computed from the clock at read time (`alerts_shown`), never by a job:
an alert appears at its start and disappears at its end by itself. Whatever caches an answer
that holds alerts keys it by `alert_window()`, which changes at the next start or end.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from wagtail.log_actions import log

from sites.models import Department
from sites.scoping import visible_to

from .models import Alert, Gate, GateStatus, GateStatusChange, Severity

SEVERITY_ORDER = {Severity.EMERGENCY: 0, Severity.WARNING: 1, Severity.INFORMATION: 2}
WINDOW_KEY = "alerts:next-boundary"
WINDOW_MAX_SECONDS = 300


@dataclass(frozen=True)
class SiteAlerts:
    """The alerts a site shows now, most severe first, and whether it is in mourning."""

    alerts: list[Alert]
    mourning: bool

    def __bool__(self) -> bool:
        return bool(self.alerts) or self.mourning


def alerts_shown(department: Department | None, at: datetime.datetime | None = None) -> SiteAlerts:
    if department is None:
        return SiteAlerts([], False)
    moment = at or timezone.now()
    rows = list(Alert.objects.active_at(moment).shown_on(department).select_related("department"))
    rows.sort(key=lambda alert: (SEVERITY_ORDER[alert.severity], -alert.starts_at.timestamp()))
    return SiteAlerts(rows, any(alert.mourning for alert in rows))


def alerts_in_feed(department: Department, at: datetime.datetime | None = None):
    """What the change feed lists of alerts: live, reaching the site, not hidden, not ended."""
    return Alert.objects.not_ended_at(at or timezone.now()).shown_on(department)


def next_boundary(at: datetime.datetime) -> datetime.datetime | None:
    """The next moment any live alert starts or ends after `at` (None: nothing scheduled)."""
    found = Alert.objects.filter(live=True).aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=at)),
        end=Min("ends_at", filter=Q(ends_at__gt=at)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def alert_window(generation: int | str, at: datetime.datetime | None = None) -> tuple[str, float]:
    """(a key naming the current alert window, seconds until it ends).

    Between two consecutive starts or ends of live alerts, the alerts every site shows stay the
    same; a cached answer keyed by this key is never served past the next boundary. The boundary
    is itself cached per content generation (a publish changes the generation).
    """
    moment = at or timezone.now()
    key = f"{WINDOW_KEY}:{generation}"
    stored = cache.get(key)
    if stored is None or (stored != "none" and stored <= moment):
        boundary = next_boundary(moment)
        stored = boundary or "none"
        cache.set(key, stored, WINDOW_MAX_SECONDS)
    if stored == "none":
        return "none", float(WINDOW_MAX_SECONDS)
    return stored.isoformat(), (stored - moment).total_seconds()


def update_gate_status(
    gate: Gate,
    user: Any,
    status: str,
    message: str = "",
    message_en: str = "",
    expected_wait_minutes: int | None = None,
) -> GateStatusChange:
    """Set a gate's current status: checked against the user's departments, logged, kept in the
    gate's history. No workflow: status is news of the moment."""
    if status not in GateStatus.values:
        raise ValueError(f"unknown status {status!r}")
    if user is not None and not visible_to(user, Gate.objects.filter(pk=gate.pk)).exists():
        raise PermissionDenied
    if user is not None and not user.has_perm("alerts.change_gate"):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        gate.status = status
        gate.message = message
        gate.message_en = message_en
        gate.expected_wait_minutes = expected_wait_minutes
        gate.status_changed_at = now
        gate.save()
        change = GateStatusChange.objects.create(
            gate=gate,
            status=status,
            message=message,
            message_en=message_en,
            expected_wait_minutes=expected_wait_minutes,
            changed_at=now,
            changed_by=user if user is not None and user.is_authenticated else None,
        )
        log(
            instance=gate,
            action="alerts.gate.status",
            user=user,
            data={
                "status": status,
                "message": message,
                "expected_wait_minutes": expected_wait_minutes,
            },
        )
    return change
