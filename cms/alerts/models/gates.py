"""Border gates, ports and offices of a department, with their current operating status.

The status is changed only through `cms.alerts.services.update_gate_status`, which records a
`GateStatusChange` (the gate's history) and a Wagtail log entry; there is no workflow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from sites.models import DepartmentOwned


class GateStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("gate status", "Open")
    LIMITED = "limited", _("Limited")
    CONGESTED = "congested", _("Congested")
    CLOSED = "closed", _("Closed")


class Gate(DepartmentOwned):
    """A border gate, port, airport or office where traders clear goods."""

    class Kind(models.TextChoices):
        BORDER_GATE = "border_gate", _("Border gate")
        SEAPORT = "seaport", _("Seaport")
        AIRPORT = "airport", _("Airport")
        OFFICE = "office", _("Customs office")

    name = models.CharField(_("name (Vietnamese)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    address = models.CharField(_("address (Vietnamese)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    hours = models.CharField(_("opening hours (Vietnamese)"), max_length=255, blank=True)
    hours_en = models.CharField(_("opening hours (English)"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=GateStatus.choices, default=GateStatus.OPEN
    )
    message = models.CharField(_("message (Vietnamese)"), max_length=300, blank=True)
    message_en = models.CharField(_("message (English)"), max_length=300, blank=True)
    expected_wait_minutes = models.PositiveIntegerField(
        _("expected wait (minutes)"), null=True, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    # The status is set from the dashboard (logged, with history), not in this form.
    panels = [
        FieldPanel("department"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("address"),
                FieldPanel("hours"),
                FieldPanel("name_en"),
                FieldPanel("address_en"),
                FieldPanel("hours_en"),
            ],
            heading=_("Name, address and hours"),
        ),
    ]

    class Meta:
        verbose_name = _("gate or office")
        verbose_name_plural = _("gates and offices")
        ordering = ["department", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def localized(self, field: str, language_code: str) -> str:
        if language_code.startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, field)
        return getattr(self, field)


class GateStatusChange(models.Model):
    """One status a gate had, from `changed_at` until the next change: the gate's history."""

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=10, choices=GateStatus.choices)
    message = models.CharField(_("message (Vietnamese)"), max_length=300, blank=True)
    message_en = models.CharField(_("message (English)"), max_length=300, blank=True)
    expected_wait_minutes = models.PositiveIntegerField(
        _("expected wait (minutes)"), null=True, blank=True
    )
    changed_at = models.DateTimeField(_("changed"), db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.gate}: {self.get_status_display()}"

    def localized(self, field: str, language_code: str) -> str:
        if language_code.startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, field)
        return getattr(self, field)
