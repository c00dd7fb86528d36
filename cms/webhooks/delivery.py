"""Sending events: `send_event` records a delivery per listening subscription, the worker posts it.

Other apps (alerts, statistics) call `send_event(department, event, payload)`; pages' publish,
unpublish, move and delete reach it through `cms.webhooks.signals`.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sites.models import Department

from . import signing
from .models import Delivery, Event, Subscription
from .urls import validate_webhook_url

logger = logging.getLogger(__name__)


def send_event(
    department: Department | None, event: str, payload: dict[str, Any]
) -> list[Delivery]:
    """Record `event` for the department's subscriptions and the platform-wide ones that listen
    to it; each is posted by the task worker once the current transaction commits."""
    if event not in Event.values:
        raise ValueError(f"Unknown webhook event {event!r}")
    audience = Q(department__isnull=True)
    if department is not None:
        audience |= Q(department=department)
    subscriptions = [
        subscription
        for subscription in Subscription.objects.filter(audience, is_active=True)
        if subscription.listens_to(event)
    ]
    deliveries = []
    for subscription in subscriptions:
        delivery = Delivery(subscription=subscription, event=event)
        delivery.payload = {
            "id": str(delivery.uuid),
            "event": event,
            "created_at": timezone.now().isoformat(),
            "department": department.code if department is not None else None,
            "data": payload,
        }
        delivery.save()
        deliveries.append(delivery)
    if deliveries:
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: enqueue(ids))
    return deliveries


def enqueue(delivery_ids: list[int], run_after=None) -> None:
    from .tasks import deliver_webhook

    task = deliver_webhook if run_after is None else deliver_webhook.using(run_after=run_after)
    for delivery_id in delivery_ids:
        task.enqueue(delivery_id)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: base, 2 × base, 4 × base, …"""
    return timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, never followed (it could point at a private address)."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(delivery: Delivery) -> int:
    """POST the signed payload once; the HTTP status (raises on a network error)."""
    subscription = delivery.subscription
    validate_webhook_url(subscription.url)  # again now: DNS may have changed since it was saved
    body = signing.body_of(delivery.payload)
    request = urllib.request.Request(
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "CustomsPortal-Webhooks/1",
            signing.EVENT_HEADER: delivery.event,
            signing.DELIVERY_HEADER: str(delivery.uuid),
            signing.SIGNATURE_HEADER: signing.signature_header(subscription.secret, body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def attempt(delivery: Delivery) -> Delivery:
    """Try a delivery once and record the outcome: delivered on 2xx, else retry later with
    exponential backoff, failed after WEBHOOK_MAX_ATTEMPTS tries."""
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        status = post(delivery)
        delivery.response_status, delivery.error = status, ""
        succeeded = 200 <= status < 300
        if not succeeded:
            delivery.error = f"HTTP {status}"
    except ValidationError as error:
        delivery.response_status, delivery.error = None, " ".join(error.messages)
        succeeded = False
    except (OSError, ValueError) as error:
        delivery.response_status, delivery.error = None, f"{type(error).__name__}: {error}"[:1000]
        succeeded = False
    if succeeded:
        delivery.status, delivery.next_attempt_at = Delivery.Status.SUCCEEDED, None
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
    else:
        delivery.status = Delivery.Status.RETRYING
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "response_status",
            "error",
            "status",
            "next_attempt_at",
        ]
    )
    if not succeeded:
        logger.warning(
            "Webhook %s to %s: attempt %d failed (%s)",
            delivery.uuid,
            delivery.subscription.url,
            delivery.attempts,
            delivery.error,
        )
    return delivery


def retry_due(now=None) -> list[str]:
    """Deliveries whose retry is due, tried again (the periodic job's step where the task
    backend cannot defer a task, i.e. the embedded default); one line per attempt."""
    from django_tasks import task_backends

    if task_backends["default"].supports_defer:
        return []  # the worker holds each retry as a deferred task
    now = now or timezone.now()
    due = Delivery.objects.filter(
        status=Delivery.Status.RETRYING, next_attempt_at__lte=now
    ).select_related("subscription")
    return [f"webhook {d.uuid}: {attempt(d).get_status_display()}" for d in due]
