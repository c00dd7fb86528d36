"""`/api/alerts/` (what the site shows now) and `/api/gates/` (its gates' operating status).

Alerts are chosen by the clock at read time (`cms.alerts.services`); the response cache is keyed
by the alert window and never outlives the next start or end (`cms.api.cache`).
"""

from __future__ import annotations

import datetime
from typing import Annotated

from cms.alerts.models import Alert as AlertModel
from cms.alerts.models import Gate as GateModel
from cms.alerts.models import GateStatus, Severity
from cms.alerts.services import alerts_shown

from .fields import OneOf
from .http import ID, Endpoint, Field, NotFound, Query, Schema
from .scope import Language, Scope


class AlertsQuery(Query):
    locale: Language | None = Field(
        None, description="Language of the texts; default from Accept-Language, then vi."
    )


class Alert(Schema):
    """An alert the site shows now, at the top of every page."""

    id: int
    severity: Annotated[str, OneOf(Severity.values)] = Field(
        description="`information`, `warning` or `emergency`."
    )
    title: str = Field(description="In the requested language.")
    text: str = Field(description="A short text in the requested language (may be empty).")
    link: str = Field(description="Where to read more; empty when none.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = Field(description="Null: until it is unpublished.")
    national: bool = Field(description="From headquarters (true) or this department (false).")
    department: str = Field(description="Code of the department that issued it (`HQ`).")
    mourning: bool = Field(description="National mourning: the site turns greyscale.")


class AlertsMeta(Schema):
    total_count: int
    locale: Language
    mourning: bool = Field(description="True while an alert declares national mourning here.")


class Alerts(Schema):
    meta: AlertsMeta
    items: list[Alert]


def alert_data(alert: AlertModel, language: str) -> dict:
    return {
        "id": alert.pk,
        "severity": alert.severity,
        "title": alert.localized("title", language),
        "text": alert.localized("text", language),
        "link": alert.link,
        "starts_at": alert.starts_at.isoformat(),
        "ends_at": alert.ends_at.isoformat() if alert.ends_at else None,
        "national": alert.department.is_headquarters,
        "department": alert.department.code,
        "mourning": alert.mourning,
    }


def shown_alerts(scope: Scope) -> tuple[list[dict], bool]:
    shown = alerts_shown(scope.department)
    return [alert_data(alert, scope.language) for alert in shown.alerts], shown.mourning


alerts = Endpoint("/api/alerts/", name="alerts")


@alerts.get(
    summary="Alerts this site shows now",
    description=(
        "The alerts active now on this site, most severe first: national alerts from "
        "headquarters that reach this department (minus the information alerts it hides) and "
        "the department's own. An alert appears at `starts_at` and is gone at `ends_at`; a "
        "cached answer never outlives the next start or end (`Cache-Control` max-age is capped)."
    ),
    tag="alerts",
    query=AlertsQuery,
    response=Alerts,
)
def alert_list(scope: Scope, query: AlertsQuery) -> dict:
    items, mourning = shown_alerts(scope)
    return {
        "meta": {"total_count": len(items), "locale": scope.language, "mourning": mourning},
        "items": items,
    }


class StatusChange(Schema):
    status: Annotated[str, OneOf(GateStatus.values)]
    message: str
    expected_wait_minutes: int | None
    changed_at: datetime.datetime


class Gate(Schema):
    """A border gate, port, airport or office of this department, with its current status."""

    id: int
    name: str = Field(description="In the requested language.")
    kind: Annotated[str, OneOf(GateModel.Kind.values)]
    address: str
    hours: str = Field(description="Opening hours, in the requested language.")
    status: Annotated[str, OneOf(GateStatus.values)] = Field(
        description="`open`, `limited`, `congested` or `closed`."
    )
    message: str = Field(description="About the status, in the requested language.")
    expected_wait_minutes: int | None
    status_changed_at: datetime.datetime | None
    detail_url: str = Field(description="This gate with its history in this API.")
    html_url: str = Field(description="Its history on this site.")


class GateDetail(Gate):
    history: list[StatusChange] = Field(description="Earlier statuses, newest first (50 at most).")


class GatesMeta(Schema):
    total_count: int
    locale: Language


class Gates(Schema):
    meta: GatesMeta
    items: list[Gate]


def gate_data(scope: Scope, gate: GateModel) -> dict:
    language = scope.language
    return {
        "id": gate.pk,
        "name": gate.localized("name", language),
        "kind": gate.kind,
        "address": gate.localized("address", language),
        "hours": gate.localized("hours", language),
        "status": gate.status,
        "message": gate.localized("message", language),
        "expected_wait_minutes": gate.expected_wait_minutes,
        "status_changed_at": gate.status_changed_at.isoformat() if gate.status_changed_at else None,
        "detail_url": scope.absolute(f"/api/gates/{gate.pk}/"),
        "html_url": scope.absolute(f"/{language}/status/{gate.pk}/"),
    }


def department_gates(scope: Scope):
    return GateModel.objects.filter(department=scope.department)


gates = Endpoint("/api/gates/", name="gates")


@gates.get(
    summary="Operating status of this department's gates and offices",
    description=(
        "Every border gate, port, airport and office of this site's department with its "
        "current status (`open`, `limited`, `congested`, `closed`), message and expected wait."
    ),
    tag="alerts",
    query=AlertsQuery,
    response=Gates,
)
def gate_list(scope: Scope, query: AlertsQuery) -> dict:
    rows = [gate_data(scope, gate) for gate in department_gates(scope)]
    return {"meta": {"total_count": len(rows), "locale": scope.language}, "items": rows}


gate = Endpoint("/api/gates/{id}/", name="gate", path_params={"id": ID})


@gate.get(
    summary="One gate or office, with its status history",
    description="One of this department's gates; another department's is 404.",
    tag="alerts",
    query=AlertsQuery,
    response=GateDetail,
)
def gate_detail(scope: Scope, query: AlertsQuery, id: int) -> dict:
    row = department_gates(scope).filter(pk=id).first()
    if row is None:
        raise NotFound("not found")
    history = [
        {
            "status": change.status,
            "message": change.localized("message", scope.language),
            "expected_wait_minutes": change.expected_wait_minutes,
            "changed_at": change.changed_at.isoformat(),
        }
        for change in row.history.all()[:50]
    ]
    return {**gate_data(scope, row), "history": history}
