"""The demo: the seller's details and each demo event's tax are set, the demo guest has paid
bookings whose invoices add up to what they were charged (one refunded, with its credit
note), and loading again changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from backend.accounts.demo import DEMO_GUEST_PHONE
from backend.bookings.models import Booking
from backend.inventory.models import Event
from backend.invoices.models import Invoice, SellerSettings


def _taxes() -> list[tuple[str, Decimal, bool]]:
    return sorted(
        Event.objects.filter(tax_rate__gt=0).values_list("slug", "tax_rate", "prices_include_tax")
    )


@pytest.mark.django_db
def test_the_demo_sets_the_seller_each_events_tax_and_invoices_paid_bookings() -> None:
    call_command("demo", stdout=io.StringIO())
    taxes = _taxes()
    invoices = sorted(Invoice.objects.values_list("number", "total"))
    bookings = Booking.objects.count()

    call_command("demo", stdout=io.StringIO())

    assert SellerSettings.objects.get().tax_number == "300000000000003"
    assert ("summer-fest", Decimal("15.00"), True) in taxes
    assert ("repair-shop", Decimal("18.00"), True) in taxes
    assert _taxes() == taxes
    assert sorted(Invoice.objects.values_list("number", "total")) == invoices
    assert Booking.objects.count() == bookings

    paid = {
        b.event.slug: b
        for b in Booking.objects.filter(user__phone=DEMO_GUEST_PHONE).select_related("event")
    }
    assert set(paid) == {"summer-fest", "goa-palm-grove", "repair-shop", "meeting-rooms"}
    for slug in ("summer-fest", "goa-palm-grove", "repair-shop"):
        booking = paid[slug]
        [invoice] = booking.invoices.all()
        assert (booking.status, booking.payment_status) == ("confirmed", "paid")
        assert invoice.total == booking.amount == booking.paid_amount
    stay = paid["goa-palm-grove"].invoices.get()
    assert stay.tax == sum(line.tax for line in stay.lines.all()) > 0
    assert stay.net + stay.tax == stay.total  # 18 % on top of the net room prices
    repair = paid["repair-shop"]
    assert repair.lines.filter(kind="added_service").exists()
    assert repair.invoices.get().lines.count() == repair.lines.count()
    refunded = paid["meeting-rooms"]
    assert refunded.status == "refunded"
    assert [d.kind for d in refunded.invoices.order_by("issued_at", "pk")] == [
        "invoice", "credit_note",
    ]  # fmt: skip
    assert refunded.invoices.aggregate(total=Sum("total"))["total"] == 0
