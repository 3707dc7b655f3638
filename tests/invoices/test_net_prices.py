"""Net prices: a booking of an event whose prices are entered net charges each billed line its
price plus the tax, rounded per line exactly as the invoice computes it, so that the invoice
issued when it is paid says what was charged, to the cent. Gross prices change nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.bookings.billing import billed_of
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.bookings.services.fees import fee_booking_create
from backend.bookings.services.workflow import booking_add_service
from backend.inventory.api.holds import hold_data
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.invoices.models import Invoice
from backend.payments.services.payments import booking_pay_at_venue
from backend.tickets.services.upgrades import ticket_upgrade_start
from tests.factories import ResourceFactory, SlotFactory, UserFactory
from tests.invoices.conftest import documents, pay, refund, set_tax
from tests.support.appointments import Garage
from tests.support.bookings import Shop, client_of, desk_staff, mark_paid

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def net(shop: Shop) -> Shop:
    """The festival shop, its prices net and 18 % added (GST in India)."""
    set_tax(shop, "18.00", gross=False)
    return shop


def lines_of(invoice: Invoice) -> list[tuple[Decimal, Decimal, Decimal]]:
    return [(line.net, line.tax, line.total) for line in invoice.lines.order_by("pk")]


RATE = Decimal(18)


def assert_lines_are_net_plus_tax(invoice: Invoice, rate: Decimal = RATE) -> None:
    for line in invoice.lines.all():
        assert line.tax_rate == rate
        assert line.tax == (line.net * rate / 100).quantize(D("0.01"), rounding="ROUND_HALF_UP")
        assert line.total == line.net + line.tax
    assert invoice.total == invoice.net + invoice.tax


def test_a_ticket_booking_charges_each_line_with_its_tax_and_the_invoice_agrees(
    net: Shop,
) -> None:
    extras = [
        SlotFactory(
            resource=ResourceFactory(event=net.event, name=name, units=5, price="10.03"),
            starts_at=net.slot.starts_at,
            ends_at=net.slot.ends_at,
        )
        for name in ("Parking", "Locker")
    ]
    user = UserFactory()
    hold = hold_create(
        user=user,
        event=net.event,
        items=[ItemRequest(net.slot.pk, 2), *(ItemRequest(slot.pk, 1) for slot in extras)],
    )
    assert hold_data(hold)["total"] == "377.68"  # what the checkout shows: what is charged
    booking = booking_create(user=user, hold_id=hold.pk, details={"holders": ["A", "B", "C", "D"]})
    # 300.00 + 54.00, and 10.03 + 1.81 twice (per line: the sum's tax would be 3.61, not 3.62)
    assert booking.amount == D("377.68")

    pay(booking)

    [invoice] = documents(booking)
    assert invoice.total == booking.amount == Booking.objects.get(pk=booking.pk).paid_amount
    assert lines_of(invoice) == [
        (D("300.00"), D("54.00"), D("354.00")),
        (D("10.03"), D("1.81"), D("11.84")),
        (D("10.03"), D("1.81"), D("11.84")),
    ]
    assert_lines_are_net_plus_tax(invoice)


def test_a_repair_with_a_service_added_during_the_job_paid_at_the_venue(
    garage: Garage, guest: Any
) -> None:
    set_tax_on(garage.event)
    booking = garage.book(guest, garage.general, garage.chain, model=garage.classic, hours=2)
    assert booking.amount == D("1650.82") + D("175.82")  # 1399 + 251.82, 149 + 26.82
    booking_pay_at_venue(booking=booking)
    booking_add_service(
        booking=booking, service_id=garage.brakes.pk, actor=desk_staff(garage.event)
    )
    booking.refresh_from_db()
    assert booking.amount == D("1826.64") + D("352.82")  # 299 + 53.82 added
    assert documents(booking) == []  # paid at the venue: nothing is invoiced yet

    mark_paid(booking=booking)

    booking.refresh_from_db()
    [invoice] = documents(booking)
    assert invoice.total == booking.amount == booking.paid_amount == D("2179.46")
    assert lines_of(invoice) == [
        (D("1399.00"), D("251.82"), D("1650.82")),
        (D("149.00"), D("26.82"), D("175.82")),
        (D("299.00"), D("53.82"), D("352.82")),
    ]
    assert_lines_are_net_plus_tax(invoice)


def test_a_service_added_after_paying_online_is_invoiced_for_what_it_charged(
    garage: Garage, guest: Any
) -> None:
    set_tax_on(garage.event)
    booking = garage.book(guest, garage.general, model=garage.classic)
    pay(booking)
    booking_add_service(booking=booking, service_id=garage.chain.pk, actor=desk_staff(garage.event))
    mark_paid(booking=Booking.objects.get(pk=booking.pk))

    booking.refresh_from_db()
    first, added = documents(booking)
    assert (first.total, added.total) == (D("1650.82"), D("175.82"))
    assert first.total + added.total == booking.amount == booking.paid_amount


def test_a_booth_fee_charges_its_tax(net: Shop) -> None:
    vendor = UserFactory()
    booking = fee_booking_create(
        event=net.event, user=vendor, name="Booth A1", amount=D("2500.00"),
        fee={"kind": "booth", "id": 1},
    )  # fmt: skip
    assert booking.amount == D("2950.00")
    assert [line.amount for line in booking.lines.all()] == [D("2500.00")]  # the price

    mark_paid(booking=booking)

    [invoice] = documents(booking)
    assert invoice.total == booking.amount
    assert lines_of(invoice) == [(D("2500.00"), D("450.00"), D("2950.00"))]


def test_an_upgrade_charges_the_difference_with_its_tax(net: Shop, guest: Any) -> None:
    vip = SlotFactory(
        resource=ResourceFactory(event=net.event, name="VIP", units=2, price="400.00"),
        starts_at=net.slot.starts_at,
        ends_at=net.slot.ends_at,
    )
    original = net.book(guest, 1)
    mark_paid(booking=original)
    ticket = original.tickets.get()

    upgrade = ticket_upgrade_start(ticket_id=ticket.pk, user=guest, slot_id=vip.pk)
    assert upgrade.amount == D("295.00")  # 250.00 more, and its 45.00 tax
    answer = client_of(guest).get(f"/api/bookings/{upgrade.pk}/").json()
    assert answer["amount"] == "295.00"
    mark_paid(booking=upgrade)

    [invoice] = documents(upgrade)
    assert invoice.total == upgrade.amount
    assert lines_of(invoice) == [(D("250.00"), D("45.00"), D("295.00"))]
    assert documents(original)[0].total == D("177.00")  # 150.00 + 27.00, unchanged


def test_a_partial_refund_credits_exactly_its_share(net: Shop) -> None:
    booking = net.book(UserFactory(), 2)
    assert booking.amount == D("354.00")
    payment = pay(booking)

    refund(payment, D("100.01"))

    invoice, note = documents(booking)
    assert (note.cites, invoice.total) == (invoice, D("354.00"))
    assert note.total == D("-100.01")
    assert all(line.net + line.tax == line.total for line in note.lines.all())
    refund(payment, D("354.00"))
    *_, rest = documents(booking)
    assert rest.total == D("-253.99")
    assert sum(d.total for d in documents(booking)) == 0
    assert sum(d.tax for d in documents(booking)) == 0


@pytest.mark.parametrize(("rate", "gross"), [("0.00", True), ("15.00", True)])
def test_gross_prices_charge_the_prices_as_before(shop: Shop, rate: str, gross: bool) -> None:
    set_tax(shop, rate, gross=gross)
    booking = shop.book(UserFactory(), 2)
    assert booking.amount == D("300.00")
    pay(booking)
    [invoice] = documents(booking)
    assert invoice.total == D("300.00")
    assert [b.price for b in billed_of(booking)] == [D("300.00")]


def test_the_event_says_its_tax(net: Shop) -> None:
    body = client_of(UserFactory()).get(f"/api/events/{net.event.slug}/").json()
    assert (body["tax_rate"], body["prices_include_tax"]) == ("18.00", False)
    listed = client_of(UserFactory()).get("/api/events/").json()["events"]
    assert {(e["slug"], e["tax_rate"]) for e in listed} >= {(net.event.slug, "18.00")}


def set_tax_on(event: Any) -> None:
    event.tax_rate, event.prices_include_tax = D("18.00"), False
    event.save(update_fields=["tax_rate", "prices_include_tax"])
