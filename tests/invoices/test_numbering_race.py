"""Gapless numbering under real concurrency on PostgreSQL: 200 payments confirming at the same
instant, each in its own thread and transaction, get the numbers 1 to 200, no gap and no
duplicate (the series row is locked while a number is taken)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.db import connections
from django.utils import timezone

from backend.bookings.models import Booking
from backend.invoices.models import Invoice, InvoiceSeries
from backend.payments.models import Payment
from backend.payments.providers.base import Outcome
from backend.payments.services.outcomes import apply_event
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.invoices.conftest import provider_event
from tests.support.bookings import Shop
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PAYMENTS = 200


@pytest.fixture
def patient_pool() -> Iterator[None]:
    """200 threads share the connection pool (20 by default) and queue on one row lock: on a
    busy machine the last ones wait longer for a connection than the pool's usual timeout."""
    pool = connections["default"].pool
    if pool is None:
        yield
        return
    before, pool.timeout = pool.timeout, 180.0
    yield
    pool.timeout = before


@pytest.mark.usefixtures("patient_pool")
def test_two_hundred_payments_at_once_get_consecutive_numbers() -> None:
    event = EventFactory(slug="race", currency="SAR", hold_minutes=10)
    # A ticket type each, so that no inventory row is shared: the confirmations meet only at
    # the invoice series.
    shops = [
        Shop(event, SlotFactory(resource=ResourceFactory(event=event, name=f"Type {n}")))
        for n in range(PAYMENTS)
    ]
    bookings: list[Booking] = [shop.book(UserFactory(), 1) for shop in shops]
    payments = [
        Payment.objects.create(
            booking=booking,
            provider="test",
            reference=f"race_{n}",
            amount=booking.amount,
            currency=booking.currency,
        )
        for n, booking in enumerate(bookings)
    ]

    def job(payment: Payment) -> Callable[[], str]:
        def confirm() -> str:
            return apply_event("test", provider_event(payment, Outcome.SUCCEEDED)).detail

        return confirm

    outcomes = run_together([job(payment) for payment in payments])

    assert outcomes == {"confirmed": PAYMENTS}
    year = timezone.localtime().year
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"GH-{year}-{n:06d}" for n in range(1, PAYMENTS + 1)]
    assert Invoice.objects.values("booking").distinct().count() == PAYMENTS
    assert InvoiceSeries.objects.get(prefix="GH", year=year).next_number == PAYMENTS + 1
