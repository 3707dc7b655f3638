"""Payment tasks: handle a webhook delivery, refund or cancel at the provider (retried)."""

from __future__ import annotations

import logging

from celery import shared_task

from backend.payments.models import Payment
from backend.payments.providers import ONLINE
from backend.payments.providers.base import ProviderUnavailable
from backend.payments.services.webhooks import webhook_process

logger = logging.getLogger(__name__)
RETRY = {
    "autoretry_for": (ProviderUnavailable,),
    "retry_backoff": 2,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(name="payments.process_webhook")
def process_webhook(delivery_id: int) -> None:
    webhook_process(delivery_id)


def _at_provider(payment_id: str, action: str) -> None:
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None or payment.provider not in ONLINE or not payment.reference:
        return
    getattr(ONLINE[payment.provider](), action)(payment)
    logger.info("%s %s at %s", action, payment.reference, payment.provider)


@shared_task(name="payments.refund_payment", **RETRY)
def refund_payment(payment_id: str) -> None:
    """Give the money back at the provider (idempotent there: the key is the payment's)."""
    _at_provider(payment_id, "refund")


@shared_task(name="payments.cancel_payment", **RETRY)
def cancel_payment(payment_id: str) -> None:
    """Cancel an open PaymentIntent whose hold expired, so it cannot be paid any more."""
    _at_provider(payment_id, "cancel")
