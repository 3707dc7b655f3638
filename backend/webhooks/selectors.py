"""Reading the inbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.webhooks.models import WebhookDelivery

# A delivery still waiting after this long had its task lost (a broker outage); sooner, its
# task may simply still be in the queue.
STUCK_AFTER = timedelta(minutes=2)


def delivery_is_stuck(*, delivery: WebhookDelivery, now: datetime) -> bool:
    return (
        delivery.outcome == WebhookDelivery.Outcome.PENDING
        and now - delivery.received_at > STUCK_AFTER
    )


def deliveries_stuck(*, now: datetime, batch: int) -> list[int]:
    """The ids of the oldest deliveries still waiting well after they arrived."""
    return list(
        WebhookDelivery.objects.filter(
            outcome=WebhookDelivery.Outcome.PENDING, received_at__lt=now - STUCK_AFTER
        )
        .order_by("received_at")
        .values_list("pk", flat=True)[:batch]
    )
