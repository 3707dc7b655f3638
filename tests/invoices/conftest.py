"""Invoices tests: the festival shop taxed at 15 % (prices gross), and paying through the
provider path (a succeeded payment event), as a guest's card payment arrives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.bookings.models import Booking
from backend.invoices.models import Invoice
from backend.payments.models import Payment
from backend.payments.providers.base import Outcome, ProviderEvent, minor_units
from backend.payments.services.outcomes import apply_event
from tests.support.bookings import Shop


@pytest.fixture
def taxed(shop: Shop) -> Shop:
    set_tax(shop, "15.00", gross=True)
    return shop


def set_tax(shop: Shop, rate: str, *, gross: bool) -> None:
    """The shop's event taxed at ``rate`` percent, its prices gross or net."""
    shop.event.tax_rate, shop.event.prices_include_tax = Decimal(rate), gross
    shop.event.save(update_fields=["tax_rate", "prices_include_tax"])


def pay(booking: Booking, reference: str | None = None) -> Payment:
    """The guest's card payment of ``booking`` succeeded at the provider."""
    payment = Payment.objects.create(
        booking=booking, provider="test", reference=reference or f"test_{booking.pk}",
        amount=booking.amount, currency=booking.currency,
    )  # fmt: skip
    apply_event("test", provider_event(payment, Outcome.SUCCEEDED))
    return payment


def provider_event(
    payment: Payment, outcome: Outcome, amount: Decimal | None = None, event_id: str = "evt"
) -> ProviderEvent:
    return ProviderEvent(
        event_id=event_id, event_type="payment.x", outcome=outcome, reference=payment.reference,
        amount_minor=minor_units(payment.amount if amount is None else amount, payment.currency),
        currency=payment.currency,
    )  # fmt: skip


def refund(payment: Payment, refunded_in_all: Decimal) -> None:
    """The provider says ``refunded_in_all`` of the payment has gone back so far."""
    apply_event("test", provider_event(payment, Outcome.REFUNDED, refunded_in_all))


def documents(booking: Booking) -> list[Invoice]:
    return list(Invoice.objects.filter(booking=booking).order_by("issued_at", "pk"))
