"""The worker's side of webhooks: one task per delivery attempt."""

from __future__ import annotations

from django_tasks import task, task_backends

from .delivery import attempt, enqueue
from .models import Delivery


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Post one delivery; on failure, enqueue the next try for when its backoff ends (where the
    backend can defer tasks; otherwise the periodic job's `retry_due` takes it)."""
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (Delivery.Status.SUCCEEDED, Delivery.Status.FAILED):
        return "skipped"
    attempt(delivery)
    if delivery.status == Delivery.Status.RETRYING and task_backends["default"].supports_defer:
        enqueue([delivery.pk], run_after=delivery.next_attempt_at)
    return delivery.status
