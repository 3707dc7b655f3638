"""Webhook deliveries: verify on the raw body, store once, handle once in a task.

``webhook_receive`` is all the HTTP view does: the signature is checked on the bytes as they
arrived (before any parsing), the delivery is stored under a unique (provider, event id), and
a task is queued after commit. A replay, or a copy arriving at the same instant, meets the
unique constraint and is answered like the first. ``webhook_process`` locks the delivery's
row, so two workers never handle one delivery, and records what happened.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from backend.core import parsers
from backend.core.errors import ApplicationError, BadRequest, NotFound
from backend.core.tasks import enqueue
from backend.payments.models import WebhookDelivery
from backend.payments.providers import ONLINE
from backend.payments.providers.base import BadSignature, Provider
from backend.payments.services.outcomes import apply_event

logger = logging.getLogger(__name__)
Outcome = WebhookDelivery.Outcome
# A copy of a delivery still waiting after this long is queued again (its task was lost);
# sooner, the first task is simply still in the queue.
STUCK_AFTER = timedelta(minutes=2)


class Receiver(Protocol):
    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None: ...

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> tuple[str, str]:
        """The delivery's (event id, event type)."""

    def handle(self, delivery: WebhookDelivery) -> tuple[bool, str]:
        """Apply it; (whether it changed anything, what happened)."""


class PaymentReceiver:
    """A payment provider as a webhook receiver: every outcome goes to ``apply_event``."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        self.provider.verify_webhook(body, headers)

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> tuple[str, str]:
        event = self.provider.parse_event(payload, headers)
        return event.event_id, event.event_type

    def handle(self, delivery: WebhookDelivery) -> tuple[bool, str]:
        event = self.provider.parse_event(delivery.payload, {})
        return apply_event(self.provider.name, event)


OTHER_RECEIVERS = {"calendly": "backend.integrations.calendly.webhooks.CalendlyReceiver"}


def receiver_for(provider: str) -> Receiver:
    if provider in ONLINE:
        return PaymentReceiver(ONLINE[provider]())
    if provider in OTHER_RECEIVERS:
        return import_string(OTHER_RECEIVERS[provider])()
    raise NotFound("We take no webhooks from this sender.")


def webhook_receive(
    *, provider: str, body: bytes, headers: Mapping[str, str]
) -> tuple[WebhookDelivery, bool]:
    """Verify and store a delivery; returns it and whether it was new. Headers are keyed
    in lower case."""
    receiver = receiver_for(provider)
    try:
        receiver.verify_webhook(body, headers)
    except BadSignature as error:
        logger.warning("%s webhook refused: %s (%d bytes)", provider, error.message, len(body))
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
                provider=provider,
                event_id=event_id[:200],
                event_type=event_type[:100],
                payload=payload,
            )
    except IntegrityError:
        delivery = WebhookDelivery.objects.get(provider=provider, event_id=event_id[:200])
        stuck = timezone.now() - delivery.received_at > STUCK_AFTER
        if delivery.outcome == Outcome.FAILED or (delivery.outcome == Outcome.PENDING and stuck):
            _queue(delivery)  # we had not managed to handle it: the retry is welcome
        return delivery, False
    _queue(delivery)
    return delivery, True


def _queue(delivery: WebhookDelivery) -> None:
    from backend.payments.tasks import process_webhook

    enqueue(process_webhook, delivery.pk)


def webhook_process(delivery_id: int) -> WebhookDelivery | None:
    """Handle a stored delivery once. An error is recorded on the delivery (and logged);
    the provider's own retries, or the admin's re-process action, try again."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.processed_at is not None:
            return delivery
        delivery.attempts += 1
        try:
            with transaction.atomic():
                changed, detail = receiver_for(delivery.provider).handle(delivery)
        except ApplicationError as error:
            delivery.outcome, delivery.detail = Outcome.FAILED, error.message[:300]
            logger.warning("webhook %s failed: %s", delivery, error.message)
        except Exception as error:  # a bug must not lose the delivery: it stays re-processable
            delivery.outcome, delivery.detail = Outcome.FAILED, repr(error)[:300]
            logger.exception("webhook %s failed", delivery)
        else:
            delivery.outcome = Outcome.APPLIED if changed else Outcome.IGNORED
            delivery.detail = detail[:300]
            delivery.processed_at = timezone.now()
        delivery.save(update_fields=["attempts", "outcome", "detail", "processed_at"])
        return delivery


def webhooks_stuck(*, now: datetime | None = None, batch: int = 100) -> int:
    """Deliveries still waiting well after they arrived (their task was lost: a broker
    outage) are handled here, by the periodic job; returns how many were tried."""
    now = now or timezone.now()
    stuck = list(
        WebhookDelivery.objects.filter(outcome=Outcome.PENDING, received_at__lt=now - STUCK_AFTER)
        .order_by("received_at")
        .values_list("pk", flat=True)[:batch]
    )
    for delivery_id in stuck:
        webhook_process(delivery_id)
    return len(stuck)
