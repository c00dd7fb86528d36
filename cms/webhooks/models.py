"""Webhook subscriptions (per department or platform-wide) and the log of their deliveries."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from sites.models import Department

from .urls import validate_webhook_url


class Event(models.TextChoices):
    PUBLISHED = "published", _("Page published")
    UNPUBLISHED = "unpublished", _("Page unpublished")
    DELETED = "deleted", _("Page deleted")
    MOVED = "moved", _("Page moved")
    ALERT = "alert", _("Alert")
    STATISTICS = "statistics", _("Statistics")


class Subscription(models.Model):
    """A URL that receives signed JSON for the chosen events of one department, or of all."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: events of every department (platform admins only)."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which system receives it."))
    url = models.URLField(
        _("URL"), max_length=500, validators=[validate_webhook_url], help_text=_("http or https.")
    )
    events = models.JSONField(_("events"), default=list)
    # Needed in full to sign each delivery; shown once when made or rotated, never again.
    secret = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("department"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("events"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["department__code", "name"]

    def __str__(self) -> str:
        return self.name

    def new_secret(self) -> str:
        self.secret = secrets.token_urlsafe(32)
        return self.secret

    @property
    def secret_hint(self) -> str:
        """The secret as the admin shows it: its last four characters only."""
        return f"••••{self.secret[-4:]}" if self.secret else ""

    def listens_to(self, event: str) -> bool:
        return self.is_active and event in (self.events or [])


class Delivery(models.Model):
    """One event sent (or being sent) to one subscription: the admin's read-only log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Waiting to retry")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("webhook"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.subscription}"
