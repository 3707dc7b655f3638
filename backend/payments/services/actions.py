"""What we owe a provider (a refund, a cancellation), done until it is done.

The debt is written on the payment row in the transaction that decides it, so it survives
a crash, a provider outage and the embedded mode (where tasks run in process and a Celery
retry would have nowhere to wait). A task tries at once after commit; a periodic job retries
what is due, with exponential backoff. A provider that *refuses* (a 4xx) will not change its
mind: the refusal is kept on the payment for a person to look at.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from backend.core.tasks import enqueue
from backend.payments.models import Payment
from backend.payments.providers import ONLINE
from backend.payments.providers.base import ProviderRefused, ProviderUnavailable

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 3600


def owe(payment: Payment, action: str) -> None:
    """Record that ``action`` must happen at the provider, and try it after commit.
    Call inside the transaction that changed the payment; saves the row."""
    if payment.provider not in ONLINE or not payment.reference:
        return  # cash, comp, or never reached the provider: nothing to do there
    payment.pending_action, payment.action_due_at = action, timezone.now()
    payment.action_attempts, payment.action_error = 0, ""
    payment.save(
        update_fields=[
            "pending_action", "action_due_at", "action_attempts", "action_error", "updated_at",
        ]
    )  # fmt: skip
    enqueue("payments.run_payment_action", str(payment.pk))


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, 2 ** min(attempts, 12)))


def payment_action_run(payment_id: str, *, now: datetime | None = None) -> str:
    """Try a payment's pending action once; returns what happened."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update(skip_locked=True)
            .filter(pk=payment_id)
            .exclude(pending_action="")
            .first()
        )
        if payment is None:
            return "nothing due (or being done elsewhere)"
        action = payment.pending_action
        payment.action_attempts += 1
        try:
            getattr(ONLINE[payment.provider](), action)(payment)
        except ProviderUnavailable as error:
            payment.action_due_at = (now or timezone.now()) + backoff(payment.action_attempts)
            payment.action_error = ""
            result = f"{action} postponed: {error.message}"
        except ProviderRefused as error:
            payment.pending_action, payment.action_error = "", error.message[:300]
            result = f"{action} refused: {error.message}"
            logger.error("%s of %s refused by %s: %s", action, payment.reference,
                         payment.provider, error.message)  # fmt: skip
        else:
            payment.pending_action, payment.action_error = "", ""
            result = f"{action} done"
        payment.save(
            update_fields=[
                "pending_action", "action_due_at", "action_attempts", "action_error",
                "updated_at",
            ]
        )  # fmt: skip
    logger.info("payment %s: %s", payment_id, result)
    return result


def payment_actions_due(*, now: datetime | None = None, batch: int = 50) -> int:
    """The periodic retry: every due action once; returns how many were tried."""
    now = now or timezone.now()
    due = list(
        Payment.objects.exclude(pending_action="")
        .filter(action_due_at__lte=now)
        .order_by("action_due_at")
        .values_list("pk", flat=True)[:batch]
    )
    for payment_id in due:
        payment_action_run(str(payment_id), now=now)
    return len(due)
