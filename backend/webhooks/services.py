"""The webhook inbox: verify on the raw body, store once, handle once in a task.

``webhook_receive`` is all the HTTP view does: the sender's receiver checks the signature on
the bytes as they arrived (before any parsing), the delivery is stored under a unique
(sender, event id), and the ``webhooks.process`` task is queued after commit. A replay, or a
copy arriving at the same instant, meets the unique constraint and is answered like the
first; if the first could not be handled (``failed``, or still ``pending`` well after it
arrived) the replay queues it again. ``webhook_process`` locks the delivery's row, so two
workers never handle one delivery, and records what the receiver returned. Deliveries whose
task was lost are handled by the periodic ``webhooks.recover_stuck`` (``webhooks_stuck``).

Receivers are registered by the apps above (``backend.webhooks.receivers``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.core import parsers
from backend.core.errors import ApplicationError, BadRequest
from backend.core.tasks import enqueue
from backend.webhooks.models import WebhookDelivery
from backend.webhooks.receivers import accepting_receiver_for, receiver_for
from backend.webhooks.selectors import deliveries_stuck, delivery_is_stuck

logger = logging.getLogger(__name__)
Outcome = WebhookDelivery.Outcome


def webhook_receive(
    *, sender: str, body: bytes, headers: Mapping[str, str]
) -> tuple[WebhookDelivery, bool]:
    """Verify and store a delivery; returns it and whether it was new. Headers are keyed
    in lower case. 404 for a sender we take nothing from (now), 400 ``bad_signature``."""
    receiver = accepting_receiver_for(sender)
    try:
        receiver.verify_webhook(body, headers)
    except ApplicationError as error:
        logger.warning("%s webhook refused: %s (%d bytes)", sender, error.message, len(body))
        raise
    try:
        payload = parsers.loads(body)
    except (ValueError, UnicodeDecodeError):  # JSONTooDeep is a ValueError too
        raise BadRequest("The webhook body is not JSON.") from None
    if not isinstance(payload, dict):
        raise BadRequest("The webhook body is not a JSON object.")
    event_id, event_type = receiver.identify(payload, headers)
    if not event_id:
        raise BadRequest("The webhook names no event id.")
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                provider=sender,
                event_id=event_id[:200],
                event_type=event_type[:100],
                payload=payload,
            )
    except IntegrityError:
        delivery = WebhookDelivery.objects.get(provider=sender, event_id=event_id[:200])
        if delivery.outcome == Outcome.FAILED or delivery_is_stuck(
            delivery=delivery, now=timezone.now()
        ):
            _queue(delivery)  # we had not managed to handle it: the retry is welcome
        return delivery, False
    _queue(delivery)
    return delivery, True


def _queue(delivery: WebhookDelivery) -> None:
    enqueue("webhooks.process", delivery.pk)


def webhook_process(delivery_id: int) -> WebhookDelivery | None:
    """Handle a stored delivery once. An error is recorded on the delivery (and logged);
    the sender's own retries, the admin's re-process action or the periodic job try
    again."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.processed_at is not None:
            return delivery
        delivery.attempts += 1
        try:
            with transaction.atomic():
                handled = receiver_for(delivery.provider).handle(delivery)
        except ApplicationError as error:
            delivery.outcome, delivery.detail = Outcome.FAILED, error.message[:300]
            logger.warning("webhook %s failed: %s", delivery, error.message)
        except Exception as error:  # a bug must not lose the delivery: it stays re-processable
            delivery.outcome, delivery.detail = Outcome.FAILED, repr(error)[:300]
            logger.exception("webhook %s failed", delivery)
        else:
            delivery.outcome = Outcome.APPLIED if handled.changed else Outcome.IGNORED
            delivery.detail = handled.detail[:300]
            delivery.processed_at = timezone.now()
        delivery.save(update_fields=["attempts", "outcome", "detail", "processed_at"])
        return delivery


def webhooks_stuck(*, now: datetime | None = None, batch: int = 100) -> int:
    """Deliveries still waiting well after they arrived (their task was lost: a broker
    outage) are handled here, by the periodic job; returns how many were tried."""
    stuck = deliveries_stuck(now=now or timezone.now(), batch=batch)
    for delivery_id in stuck:
        webhook_process(delivery_id)
    return len(stuck)
