"""Credit notes: a refund or a cancellation after payment issues one, citing the invoice,
with negative amounts, in the same transaction. Each partial refund's credit note cancels
exactly its share; once the whole is refunded, invoice and credit notes sum to zero, to the
cent, in net, tax and total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_cancel, booking_create
from backend.inventory.models import Resource
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.invoices.models import Invoice
from backend.invoices.services.credit import credit_note_partial
from backend.payments.services.outcomes import (
    refund_booking_payments,
    refund_booking_payments_for,
)
from tests.factories import SlotFactory, UserFactory
from tests.invoices.conftest import documents, pay, refund, set_tax
from tests.support.bookings import Shop, desk_staff

pytestmark = pytest.mark.django_db
D = Decimal


def sums(booking: Booking) -> tuple[Decimal, Decimal, Decimal]:
    totals = Invoice.objects.filter(booking=booking).aggregate(
        net=Sum("net"), tax=Sum("tax"), total=Sum("total")
    )
    return totals["net"], totals["tax"], totals["total"]


def test_each_partial_refund_credits_its_share_and_the_full_refund_the_rest(
    taxed: Shop,
) -> None:
    booking = taxed.book(UserFactory(), 2)  # SAR 300.00, 15 % included
    payment = pay(booking)

    refund(payment, D("100.00"))
    refund(payment, D("170.00"))  # 70.00 more went back
    first, second = documents(booking)[1:]

    assert (first.kind, first.cites, first.total) == ("credit_note", documents(booking)[0], -100)
    assert (first.net, first.tax) == (D("-86.96"), D("-13.04"))
    assert (second.net, second.tax, second.total) == (D("-60.87"), D("-9.13"), D("-70.00"))
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"  # the booking stands

    refund(payment, D("300.00"))

    invoice, *credit_notes = documents(booking)
    assert len(credit_notes) == 3
    last = credit_notes[-1]
    assert (last.net, last.tax, last.total) == (D("-113.04"), D("-16.96"), D("-130.00"))
    assert all(note.cites == invoice for note in credit_notes)
    assert sums(booking) == (0, 0, 0)
    assert Booking.objects.get(pk=booking.pk).status == "refunded"


def test_a_partial_credit_is_shared_over_lines_and_sums_to_the_amount_exactly(
    shop: Shop,
) -> None:
    set_tax(shop, "15.00", gross=True)
    other = Resource.objects.create(
        event=shop.event, name="VIP lounge", kind=shop.slot.resource.kind, units=10,
        price=D("99.99"),
    )  # fmt: skip
    vip = SlotFactory(resource=other, starts_at=shop.slot.starts_at, ends_at=shop.slot.ends_at)
    user = UserFactory()
    hold = hold_create(
        user=user, event=shop.event, items=[ItemRequest(shop.slot.pk, 1), ItemRequest(vip.pk, 1)]
    )
    booking = booking_create(user=user, hold_id=hold.pk, details={"holders": ["A", "B"]})
    pay(booking)
    [invoice] = documents(booking)
    assert invoice.total == D("249.99")
    assert invoice.lines.count() == 2

    [note] = credit_note_partial(booking=booking, amount=D("100.01"))

    lines = list(note.lines.all())
    assert len(lines) == 2
    assert sum(line.total for line in lines) == D("-100.01") == note.total
    assert note.net + note.tax == note.total
    assert all(line.net + line.tax == line.total for line in lines)


def test_staff_refund_of_a_paid_booking_cancels_its_invoice_to_the_cent(taxed: Shop) -> None:
    booking = taxed.book(UserFactory(), 1)
    pay(booking)

    refund_booking_payments(booking=booking, note="Guest asked.", actor=desk_staff(taxed.event))

    invoice, note = documents(booking)
    assert (note.kind, note.cites) == ("credit_note", invoice)
    assert (note.net, note.tax, note.total) == (-invoice.net, -invoice.tax, -invoice.total)
    assert [(line.quantity, line.unit_amount) for line in note.lines.all()] == [(1, D("-150"))]
    assert sums(booking) == (0, 0, 0)


def test_a_cancellation_after_payment_is_credited_in_full(
    taxed: Shop,
) -> None:
    booking = taxed.book(UserFactory(), 1)
    pay(booking)

    booking_cancel(booking=booking, note="Cancelled by staff.", actor=desk_staff(taxed.event))

    assert [d.kind for d in documents(booking)] == ["invoice", "credit_note"]
    assert sums(booking) == (0, 0, 0)


def test_a_late_cancellation_refunded_in_part_credits_only_what_went_back(taxed: Shop) -> None:
    """A policy that keeps half (a late cancellation): the credit note is the half returned,
    and the invoice still bills the half kept."""
    booking = taxed.book(UserFactory(), 2)  # 2 x 150, tax included
    pay(booking)

    booking = refund_booking_payments_for(
        booking=booking, note="Cancelled by the guest (50% refunded).", amount=D("150.00")
    )

    booking.refresh_from_db()
    assert (booking.status, booking.refunded_amount) == ("refunded", D("150.00"))
    invoice, note = documents(booking)
    assert (note.kind, note.cites, note.total) == ("credit_note", invoice, D("-150.00"))
    assert note.net + note.tax == note.total
    assert sums(booking)[2] == D("150.00")


def test_an_unpaid_booking_cancelled_has_nothing_to_credit(taxed: Shop) -> None:
    booking = taxed.book(UserFactory(), 1)
    booking_cancel(booking=booking, note="Changed my mind.")
    assert documents(booking) == []


def test_credit_lines_are_priced_as_the_invoice_priced_them(shop: Shop) -> None:
    set_tax(shop, "15.00", gross=False)
    booking = shop.book(UserFactory(), 2)  # SAR 150.00 each, net: charged 300 + 45 tax
    assert booking.amount == D("345.00")
    payment = pay(booking)

    refund(payment, D("115.00"))  # one unit's gross share, as the provider gave it back
    refund(payment, D("345.00"))

    invoice, part, rest = documents(booking)
    assert (invoice.net, invoice.tax, invoice.total) == (D("300"), D("45"), D("345"))
    [line] = part.lines.all()
    assert (line.quantity, line.unit_amount, line.net, line.tax, line.total) == (
        1, D("-100.00"), D("-100.00"), D("-15.00"), D("-115.00"),
    )  # fmt: skip
    assert rest.total == D("-230.00")
    assert sums(booking) == (0, 0, 0)
