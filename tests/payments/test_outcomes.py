"""What a provider event did is a value (``Handled``), decided where it happens: never read
back from the sentence that describes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.bookings.models import Booking
from backend.payments.models import Payment
from backend.payments.providers.base import Outcome, ProviderEvent, minor_units
from backend.payments.services.outcomes import apply_event
from backend.webhooks.receivers import Handled
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def event(
    payment: Payment, outcome: Outcome | None, amount: Decimal | None = None
) -> ProviderEvent:
    return ProviderEvent(
        event_id="evt", event_type="payment.x", outcome=outcome, reference=payment.reference,
        amount_minor=minor_units(amount or payment.amount, payment.currency),
        currency=payment.currency,
    )  # fmt: skip


def test_each_event_says_whether_it_changed_anything(shop: Any) -> None:
    booking = shop.book(UserFactory(), 2)
    payment = Payment.objects.create(
        booking=booking, provider="test", reference="test_v", amount=booking.amount,
        currency=booking.currency,
    )  # fmt: skip

    results = [
        apply_event("test", event(payment, None)),
        apply_event("test", event(payment, Outcome.SUCCEEDED)),
        apply_event("test", event(payment, Outcome.SUCCEEDED)),
        apply_event("test", event(payment, Outcome.FAILED)),
        apply_event("test", event(payment, Outcome.REFUNDED, booking.amount / 2)),
        apply_event("test", event(payment, Outcome.REFUNDED, booking.amount / 2)),
        apply_event("test", event(payment, Outcome.REFUNDED)),
    ]

    assert all(isinstance(result, Handled) for result in results)
    assert [(r.changed, r.detail) for r in results] == [
        (False, "payment.x needs nothing from us"),
        (True, "confirmed"),
        (False, "payment already succeeded"),
        (False, "payment already succeeded"),
        (True, f"partial refund of {booking.amount / 2} recorded; the booking stands"),
        (False, "refund already recorded"),
        (True, "booking refunded"),
    ]
    assert Booking.objects.get().status == "refunded"
