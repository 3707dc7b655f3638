"""The embedded mode's provider: no money moves, but everything else is real.

``pay`` gives the guest a page with Pay and Fail buttons. Pressing one makes the event a
provider would send, signs it with the ``t=,v1=`` scheme and hands it to the same webhook
path the real providers use (verify, store once, handle in a task).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse

from backend.payments import signing
from backend.payments.providers.base import (
    Checkout,
    Outcome,
    ProviderEvent,
    failure_code,
    minor_units,
)

if TYPE_CHECKING:
    from backend.bookings.models import Booking
    from backend.payments.models import Payment

HEADER = "gatehouse-test-signature"
OUTCOMES = {
    "payment.succeeded": Outcome.SUCCEEDED,
    "payment.failed": Outcome.FAILED,
    "payment.refunded": Outcome.REFUNDED,
}


# What the test page's Fail can say, as a card network would (code: the provider's text).
DECLINES = {
    "card_declined": "The test card was declined.",
    "insufficient_funds": "The test card has insufficient funds.",
    "expired_card": "The test card has expired.",
}


def test_secret() -> str:
    """Derived from SECRET_KEY: nobody outside this deployment can sign test events."""
    return hashlib.sha256(f"gatehouse-test-provider:{settings.SECRET_KEY}".encode()).hexdigest()


def test_event(
    payment: Payment,
    event_type: str,
    event_id: str,
    decline: str = "card_declined",  # noqa: PT028 (not a test: the test provider's event)
) -> dict[str, Any]:
    failed = event_type == "payment.failed"
    return {
        "id": event_id,
        "type": event_type,
        "data": {
            "payment": payment.reference,
            "booking": str(payment.booking_id),
            "amount": minor_units(payment.amount, payment.currency),
            "currency": payment.currency,
            "message": DECLINES.get(decline, DECLINES["card_declined"]) if failed else "",
            "code": (decline if decline in DECLINES else "card_declined") if failed else "",
        },
    }


class TestProvider:
    name = "test"

    def is_configured(self) -> bool:
        return bool(settings.PAYMENTS_TEST_PROVIDER)

    def create_payment(self, booking: Booking, payment: Payment) -> Checkout:
        reference = f"test_{payment.pk.hex}"
        return Checkout(
            reference=reference,
            client={"url": reverse("payments:test-page", args=[payment.pk]), "payment": reference},
        )

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        tolerance = settings.WEBHOOK_TOLERANCE_SECONDS["test"]
        signing.verify(headers.get(HEADER), test_secret(), body, tolerance=tolerance)

    def parse_event(self, payload: dict[str, Any], headers: Mapping[str, str]) -> ProviderEvent:
        event_type = str(payload.get("type", ""))
        data = payload.get("data") or {}
        amount = data.get("amount")
        return ProviderEvent(
            event_id=str(payload.get("id", "")),
            event_type=event_type,
            outcome=OUTCOMES.get(event_type),
            reference=str(data.get("payment", "")),
            booking_id=str(data.get("booking", "")),
            amount_minor=amount if isinstance(amount, int) else None,
            currency=str(data.get("currency", "")),
            message=str(data.get("message", ""))[:300],
            failure_code=failure_code(data.get("code")),
        )

    def refund(self, payment: Payment) -> None:
        """Nothing to give back: no money moved."""

    def cancel(self, payment: Payment) -> None:
        """Nothing to cancel."""
