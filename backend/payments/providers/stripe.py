"""Stripe: PaymentIntents through the stripe SDK, webhooks with Stripe's own verifier.

``STRIPE_API_BASE`` points the SDK elsewhere (a fake server in tests). Idempotency keys are
derived from our ids, so a retried request never creates a second PaymentIntent or refund.
``STRIPE_WEBHOOK_SECRET`` may hold several secrets separated by commas while one is rolled.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import stripe
from django.conf import settings

from backend.payments.providers.base import (
    BadSignature,
    Checkout,
    Outcome,
    ProviderEvent,
    ProviderRefused,
    ProviderUnavailable,
    failure_code,
    minor_units,
)

if TYPE_CHECKING:
    from backend.bookings.models import Booking
    from backend.payments.models import Payment

OUTCOMES = {
    "payment_intent.succeeded": Outcome.SUCCEEDED,
    "payment_intent.payment_failed": Outcome.FAILED,
    "payment_intent.canceled": Outcome.CANCELED,
    "charge.refunded": Outcome.REFUNDED,
}


def _timestamp(header: str | None) -> int | None:
    """The ``t=`` of a Stripe-Signature header, read as Stripe's verifier reads it (the
    first ``t`` item), or None when it is missing or not written plainly in digits: the
    verifier's ``int()`` takes " 123", "+123" and "1_2_3" too, and each of those must be
    refused here, not waved through unchecked."""
    items = [part.split("=", 2) for part in (header or "").split(",")]
    stamps = [item[1] for item in items if len(item) > 1 and item[0] == "t"]
    if not stamps or not re.fullmatch(r"[0-9]{1,12}", stamps[0]):
        return None
    return int(stamps[0])


def _client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        http_client=stripe.RequestsClient(timeout=settings.PAYMENT_TIMEOUT_SECONDS),
        max_network_retries=1,
    )


def _call(request: Any, *args: Any) -> Any:
    """One SDK call, its failures in our error shapes."""
    try:
        return request(*args)
    except stripe.APIConnectionError as error:
        raise ProviderUnavailable() from error
    except stripe.RateLimitError as error:
        raise ProviderUnavailable("Stripe is busy; try again in a moment.") from error
    except stripe.StripeError as error:
        if error.http_status and error.http_status >= 500:
            raise ProviderUnavailable() from error
        raise ProviderRefused(error.user_message or "Stripe refused the request.") from error


class StripeProvider:
    name = "stripe"

    def is_configured(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def create_payment(self, booking: Booking, payment: Payment) -> Checkout:
        """A PaymentIntent for the payment; paying again fetches the same one."""
        if payment.reference:
            return self._checkout(_call(_client().v1.payment_intents.retrieve, payment.reference))
        intent = _call(
            _client().v1.payment_intents.create,
            {
                "amount": minor_units(booking.amount, booking.currency),
                "currency": booking.currency.lower(),
                "metadata": {"booking": str(booking.pk), "payment": str(payment.pk)},
                "automatic_payment_methods": {"enabled": True},
                "description": f"{booking.event.name} ({booking.reference})",
            },
            {"idempotency_key": f"gatehouse-payment-{payment.pk}"},
        )
        return self._checkout(intent)

    @staticmethod
    def _checkout(intent: Any) -> Checkout:
        return Checkout(
            reference=intent.id,
            client={
                "client_secret": intent.client_secret,
                "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                "payment_intent": intent.id,
            },
        )

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        header = headers.get("stripe-signature")
        tolerance = settings.WEBHOOK_TOLERANCE_SECONDS["stripe"]
        # Stripe's verifier refuses only old timestamps; one from the future is as suspect.
        stamped = _timestamp(header)
        if stamped is None or stamped - time.time() > tolerance:
            raise BadSignature()
        secrets = [s.strip() for s in settings.STRIPE_WEBHOOK_SECRET.split(",") if s.strip()]
        for secret in secrets:
            try:
                stripe.WebhookSignature.verify_header(
                    body.decode("utf-8", "replace"),
                    header,
                    secret,
                    tolerance=tolerance,
                )
            except stripe.SignatureVerificationError:
                continue
            return
        raise BadSignature()

    def parse_event(self, payload: dict[str, Any], headers: Mapping[str, str]) -> ProviderEvent:
        event_type = str(payload.get("type", ""))
        obj = (payload.get("data") or {}).get("object") or {}
        outcome = OUTCOMES.get(event_type)
        if event_type == "charge.refunded":
            reference, amount = obj.get("payment_intent") or "", obj.get("amount_refunded")
        else:
            reference, amount = obj.get("id") or "", obj.get("amount_received")
        error = obj.get("last_payment_error") or {}
        return ProviderEvent(
            event_id=str(payload.get("id", "")),
            event_type=event_type,
            outcome=outcome,
            reference=str(reference),
            booking_id=str((obj.get("metadata") or {}).get("booking", "")),
            amount_minor=amount if isinstance(amount, int) else None,
            currency=str(obj.get("currency") or ""),
            message=str(error.get("message", ""))[:300],
            failure_code=failure_code(error.get("decline_code"), error.get("code")),
        )

    def refund(self, payment: Payment) -> None:
        """All of it, or ``refunded_amount`` when that is a part (a late cancellation)."""
        params: dict[str, object] = {"payment_intent": payment.reference}
        if 0 < payment.refunded_amount < payment.amount:
            params["amount"] = minor_units(payment.refunded_amount, payment.currency)
        _call(
            _client().v1.refunds.create,
            params,
            {"idempotency_key": f"gatehouse-refund-{payment.pk}"},
        )

    def cancel(self, payment: Payment) -> None:
        _call(
            _client().v1.payment_intents.cancel,
            payment.reference,
            {"cancellation_reason": "abandoned"},
            {"idempotency_key": f"gatehouse-cancel-{payment.pk}"},
        )
