"""The webhook inbox: verify on the raw body, store once, handle once in a task.

``webhook_receive`` is all the HTTP view does: the sender's receiver checks the signature on
the bytes as they arrived (before any parsing), the delivery is stored under a unique
(sender, event id), and the ``webhooks.process`` task is queued after commit. A replay, or a
copy arriving at the same instant, meets the unique constraint and is answered like the
first; if the first could not be handled (``failed``, or still ``pending`` well after it
arrived) the replay queues it again. ``webhook_process`` locks the delivery's row, so two
workers never handle one delivery, and records what the receiver returned. Deliveries whose
task was lost are handled by the periodic ``webhooks.recover_stuck`` (``webhooks_stuck``).

The worker handles deliveries in batches (``webhook_process_batch``, the task's path): one
transaction claims the task's delivery and up to ``WEBHOOK_BATCH`` - 1 other waiting ones with
``FOR UPDATE SKIP LOCKED`` (so two workers never claim the same row and never wait for each
other's claim), handles each in its own savepoint in the order they arrived (one payment's
events keep their order), records them all in one UPDATE and commits once. Exactly once
holds as for one delivery: a delivery is recorded handled in the transaction that applied
it; a worker killed mid-batch rolls the whole batch back, every row stays ``pending`` and is
claimed again (its task redelivered, another task's batch, or the periodic recovery); the
task of a delivery another batch already handled finds it handled and does nothing.

Receivers are registered by the apps above (``backend.webhooks.receivers``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, When
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
    if _holds_nul(payload):  # PostgreSQL stores no NUL character in text or jsonb
        raise BadRequest("The webhook body holds a NUL character.")
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


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _queue(delivery: WebhookDelivery) -> None:
    enqueue("webhooks.process", delivery.pk)


def webhook_process(delivery_id: int) -> WebhookDelivery | None:
    """Handle a stored delivery once (waiting for a worker that holds it). An error is
    recorded on the delivery (and logged); the sender's own retries, the admin's re-process
    action or the periodic job try again."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.processed_at is not None:
            return delivery
        _handle(delivery)
        delivery.save(update_fields=RECORDED)
        return delivery


RECORDED = ["attempts", "outcome", "detail", "processed_at"]


def webhook_process_batch(*, first: int | None = None, batch: int | None = None) -> int:
    """The worker's path: handle delivery ``first`` (when it still waits and no other
    worker holds it) together with up to ``batch`` - 1 other waiting deliveries, oldest
    first, in one transaction; returns how many were handled (0: ``first`` was handled
    already, or another worker holds it). Deliveries that failed are taken only as
    ``first`` (a replay or the admin asked for them again)."""
    size = max(1, batch or settings.WEBHOOK_BATCH)
    if first is not None and not _waiting(first):
        return 0  # handled by another batch already: the common case under a burst
    with transaction.atomic():
        claimed = _claim(first=first, size=size)
        if len(claimed) > 1:
            _lock_ahead(claimed)
        for delivery in claimed:
            _handle(delivery)
        if claimed:
            WebhookDelivery.objects.bulk_update(claimed, RECORDED)
    return len(claimed)


def _waiting(delivery_id: int) -> bool:
    return WebhookDelivery.objects.filter(pk=delivery_id, processed_at__isnull=True).exists()


def _claim(*, first: int | None, size: int) -> list[WebhookDelivery]:
    """Lock up to ``size`` waiting deliveries no other worker holds (``first`` among them
    when it is free), in the order they arrived."""
    waiting = Q(outcome=Outcome.PENDING)
    if first is not None:
        waiting |= Q(pk=first)
    rows = list(
        WebhookDelivery.objects.select_for_update(skip_locked=True)
        .filter(waiting, processed_at__isnull=True)
        .order_by(*([Case(When(pk=first, then=0), default=1)] if first is not None else []),
                  "received_at", "pk")[:size]
    )  # fmt: skip
    return sorted(rows, key=lambda d: (d.received_at, d.pk))


def _lock_ahead(claimed: list[WebhookDelivery]) -> None:
    """Before handling a batch, each sender's receiver that can locks the rows the whole
    batch will lock (in one order every batch uses): a batch holds what one delivery locked
    (a slot's row, say) while it handles the next, so without this two batches, or a batch
    and a request, could each wait for the other's row (a deadlock)."""
    by_sender: dict[str, list[WebhookDelivery]] = {}
    for delivery in claimed:
        by_sender.setdefault(delivery.provider, []).append(delivery)
    for sender, deliveries in by_sender.items():
        lock = getattr(receiver_for(sender), "lock_batch", None)
        if lock is not None:
            lock(deliveries)


def _handle(delivery: WebhookDelivery) -> None:
    """Apply one locked delivery in its own savepoint and set what to record (not saved)."""
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


def webhooks_stuck(*, now: datetime | None = None, batch: int = 100) -> int:
    """Deliveries still waiting well after they arrived (their task was lost: a broker
    outage) are handled here, by the periodic job; returns how many were tried."""
    stuck = deliveries_stuck(now=now or timezone.now(), batch=batch)
    for delivery_id in stuck:
        webhook_process(delivery_id)
    return len(stuck)
