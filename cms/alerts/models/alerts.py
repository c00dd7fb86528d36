"""An alert: a short notice in both languages shown at the top of every public page of the sites
it reaches, from its start to its end, and in the API and feeds.

Both languages live on one row (explicit `_en` fields, like `Department.name_en`), not in
wagtail-localize translations: an emergency must reach both languages with one approval and one
publish, never in two steps.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from sites.models import Department, DepartmentOwned, DepartmentOwnedQuerySet


class Severity(models.TextChoices):
    INFORMATION = "information", _("Information")
    WARNING = "warning", _("Warning")
    EMERGENCY = "emergency", _("Emergency")


class AlertQuerySet(DepartmentOwnedQuerySet):
    def reaching(self, department: Department) -> AlertQuerySet:
        """Alerts whose scope includes `department`'s site (hidden ones included)."""
        return self.filter(
            Q(reach=Alert.Reach.OWN, department=department)
            | Q(reach=Alert.Reach.ALL)
            | Q(reach=Alert.Reach.CHOSEN, departments=department)
        ).distinct()

    def active_at(self, moment: datetime.datetime) -> AlertQuerySet:
        """Live alerts whose period holds `moment` (start inclusive, end exclusive)."""
        return self.filter(live=True, starts_at__lte=moment).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=moment)
        )

    def not_ended_at(self, moment: datetime.datetime) -> AlertQuerySet:
        return self.filter(live=True).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=moment))

    def shown_on(self, department: Department) -> AlertQuerySet:
        """Reaching `department` and not hidden by it (only information can be hidden)."""
        hidden = AlertHide.objects.filter(department=department).values("alert_id")
        return self.reaching(department).exclude(
            Q(severity=Severity.INFORMATION) & Q(pk__in=hidden) & ~Q(department=department)
        )


class Alert(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, DepartmentOwned, ClusterableModel
):
    """A notice from a department (HQ for national alerts) to its own site, or from HQ to every
    site or to chosen departments' sites.

    Drafts go through the owning department's moderation workflow; the row holds the published
    version. Only HQ reaches other sites or turns on mourning; only an emergency may be published
    without approval, by a platform admin or one of the department's site admins
    (`cms.alerts.permissions.can_publish_at_once`, enforced in `publish`).
    """

    class Reach(models.TextChoices):
        OWN = "own", _("This department's site")
        ALL = "all", _("Every site")
        CHOSEN = "chosen", _("Chosen departments' sites")

    title = models.CharField(_("title (Vietnamese)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    text = models.CharField(_("short text (Vietnamese)"), max_length=400, blank=True)
    text_en = models.CharField(_("short text (English)"), max_length=400, blank=True)
    link = models.URLField(_("link"), blank=True, help_text=_("Where to read more (optional)."))
    severity = models.CharField(
        _("severity"), max_length=12, choices=Severity.choices, default=Severity.INFORMATION
    )
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty: until it is unpublished.")
    )
    reach = models.CharField(_("shown on"), max_length=8, choices=Reach.choices, default=Reach.OWN)
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("chosen departments"),
        blank=True,
        related_name="+",
        help_text=_("When shown on chosen departments' sites (headquarters only)."),
    )
    mourning = models.BooleanField(
        _("national mourning"),
        default=False,
        help_text=_("The sites it reaches turn greyscale for its period (headquarters only)."),
    )

    # A narrower queryset than DepartmentOwned's (django-stubs types `objects` as a ClassVar).
    objects = AlertQuerySet.as_manager()  # type: ignore[misc]

    panels = [
        FieldPanel("department"),
        FieldPanel("severity"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("text"),
                FieldPanel("title_en"),
                FieldPanel("text_en"),
            ],
            heading=_("Text"),
        ),
        FieldPanel("link"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Period")),
        MultiFieldPanel(
            [FieldPanel("reach"), FieldPanel("departments"), FieldPanel("mourning")],
            heading=_("Where it shows"),
        ),
    ]

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["live", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        national = self.department_id is not None and self.department.is_headquarters
        if not national and self.reach != self.Reach.OWN:
            errors["reach"] = _("Only headquarters may show an alert on other sites.")
        if not national and self.mourning:
            errors["mourning"] = _("Only headquarters may declare national mourning.")
        if errors:
            raise ValidationError(errors)

    def get_workflow(self):
        """The owning department's moderation workflow (one per department, not per model)."""
        workflow = self.department.workflow if self.department_id else None
        return workflow if workflow is not None and workflow.active else None

    def publish(self, revision, user=None, skip_permission_checks=False, **kwargs):
        from cms.alerts.permissions import check_publish

        if not skip_permission_checks:
            check_publish(user, revision)
        return super().publish(
            revision, user=user, skip_permission_checks=skip_permission_checks, **kwargs
        )

    @property
    def is_national(self) -> bool:
        return self.department.is_headquarters

    def localized(self, field: str, language_code: str) -> str:
        """`title`, `text` in the language (Vietnamese when the English one is empty)."""
        if language_code.startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, field)
        return getattr(self, field)

    def reached_departments(self) -> QuerySet[Department]:
        if self.reach == self.Reach.ALL:
            return Department.objects.active()
        if self.reach == self.Reach.CHOSEN:
            return Department.objects.filter(pk__in=self.departments.all())
        return Department.objects.filter(pk=self.department_id)


class AlertHide(DepartmentOwned):
    """A department hides a national *information* alert on its own site.

    Warnings and emergencies can never be hidden: `save` refuses them whatever wrote the row
    (admin form, service or shell), and reads ignore a hide that no longer fits.
    """

    alert = models.ForeignKey(
        Alert,
        verbose_name=_("alert"),
        on_delete=models.CASCADE,
        related_name="hides",
        limit_choices_to={"severity": Severity.INFORMATION, "department__is_headquarters": True},
    )
    hidden_at = models.DateTimeField(_("hidden at"), auto_now_add=True)

    panels = [FieldPanel("department"), FieldPanel("alert")]

    class Meta:
        verbose_name = _("hidden national alert")
        verbose_name_plural = _("hidden national alerts")
        constraints = [
            models.UniqueConstraint(fields=["department", "alert"], name="alerts_hide_once")
        ]

    def __str__(self) -> str:
        return str(self.alert)

    def reference_owner(self) -> None:
        """Not checked by `sites.references`: its one reference is, by design, another
        department's (HQ's) alert; `clean` applies the hiding rule instead."""
        return None

    def clean(self) -> None:
        super().clean()
        if self.alert_id is None or self.department_id is None:
            return
        alert = self.alert
        if alert.severity != Severity.INFORMATION:
            raise ValidationError({"alert": _("A warning or an emergency cannot be hidden.")})
        if not alert.is_national or alert.department_id == self.department_id:
            raise ValidationError(
                {"alert": _("Only a national alert can be hidden; unpublish your own instead.")}
            )
        if not Alert.objects.filter(pk=alert.pk).reaching(self.department).exists():
            raise ValidationError({"alert": _("This alert is not shown on your site.")})

    def save(self, *args, **kwargs) -> None:
        self.clean()
        super().save(*args, **kwargs)
