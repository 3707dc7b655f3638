"""Bookings under real concurrency on PostgreSQL: payments, expiry and staff racing on one
booking, and late payments racing for the last places."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from backend.bookings.models import Booking
from backend.bookings.services.bookings import bookings_expire
from backend.inventory.models import Hold, Slot
from backend.inventory.services.holds import holds_expire
from backend.payments.models import Payment
from backend.payments.providers.base import Outcome, ProviderEvent, minor_units
from backend.payments.services.outcomes import apply_event
from tests.factories import UserFactory
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def paid_job(payment: Payment, event_id: str) -> Any:
    def job() -> str:
        event = ProviderEvent(
            event_id=event_id,
            event_type="payment.succeeded",
            outcome=Outcome.SUCCEEDED,
            reference=payment.reference,
            amount_minor=minor_units(payment.amount, payment.currency),
            currency=payment.currency,
        )
        return apply_event(payment.provider, event)[1]

    return job


def open_payment(booking: Booking, reference: str) -> Payment:
    return Payment.objects.create(
        booking=booking, provider="test", reference=reference, amount=booking.amount,
        currency=booking.currency,
    )  # fmt: skip


def test_two_payments_of_one_booking_at_once_sell_once_and_refund_the_other(shop: Any) -> None:
    booking = shop.book(UserFactory(), 2)
    first, second = open_payment(booking, "test_a"), open_payment(booking, "test_b")

    outcomes = run_together([paid_job(first, "e1"), paid_job(second, "e2")])

    assert outcomes == {"confirmed": 1, "booking already paid: refunded this payment": 1}
    slot = Slot.objects.get(pk=shop.slot.pk)
    assert (slot.sold, slot.held) == (2, 0)
    assert sorted(Payment.objects.values_list("status", flat=True)) == ["refunded", "succeeded"]
    assert Booking.objects.get().status == "confirmed"


def test_a_payment_racing_the_expiry_job_ends_one_way_only(shop: Any) -> None:
    booking = shop.book(UserFactory(), 3)
    payment = open_payment(booking, "test_race")
    past = timezone.now() - timedelta(seconds=1)
    Hold.objects.filter(pk=booking.hold_id).update(expires_at=past)

    outcomes = run_together([paid_job(payment, "e1"), lambda: f"expired {bookings_expire()}"])

    booking.refresh_from_db()
    slot = Slot.objects.get(pk=shop.slot.pk)
    assert "confirmed" in outcomes  # the payment is honoured: the places were still free
    assert booking.status == "confirmed"
    assert (slot.sold, slot.held) == (3, 0)
    assert slot.sold + slot.held <= slot.capacity


def test_late_payments_race_for_the_last_places_without_overselling(shop: Any) -> None:
    """Ten bookings expire, others take most places, then the ten payments arrive at once:
    some are sold again, the rest refunded, and the slot is never oversold."""
    bookings = [shop.book(UserFactory()) for _ in range(10)]
    payments = [open_payment(b, f"test_late_{n}") for n, b in enumerate(bookings)]
    later = timezone.now() + timedelta(minutes=11)
    holds_expire(now=later)
    for _ in range(7):  # seven places go to new guests while the payments are in flight
        shop.hold(UserFactory())

    outcomes = run_together([paid_job(p, f"late-{n}") for n, p in enumerate(payments)])

    slot = Slot.objects.get(pk=shop.slot.pk)
    assert outcomes == {"confirmed": 3, "late payment, places gone: refunded": 7}
    assert (slot.sold, slot.held) == (3, 7)
    assert Booking.objects.filter(status="refunded").count() == 7
    assert Payment.objects.filter(status="refunded").count() == 7
