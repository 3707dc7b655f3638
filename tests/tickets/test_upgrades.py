"""Upgrades: pay the difference, the old place is freed and the ticket moves with a new QR."""

from __future__ import annotations

from typing import Any

import pytest

from backend.bookings.models import Booking
from backend.checkin.models import Gate
from backend.checkin.services.scans import Station, scan_commit
from backend.inventory.models import Slot
from backend.tickets import codes
from backend.tickets.models import Ticket
from tests.factories import ResourceFactory, SlotFactory, StaffFactory, UserFactory
from tests.support.bookings import mark_paid

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def vip(shop: Any) -> Slot:
    return SlotFactory(
        resource=ResourceFactory(event=shop.event, name="VIP", units=2, price="400.00")
    )


@pytest.fixture
def ticket(shop: Any, guest: Any) -> Ticket:
    booking = shop.book(guest, 2)
    mark_paid(booking=booking)
    return booking.tickets.order_by("id").first()


def upgrade(api: Any, ticket: Ticket, slot: Slot) -> Any:
    return api.post(f"/api/tickets/{ticket.pk}/upgrade/", {"slot": slot.pk}, format="json")


def counters(*slots: Slot) -> list[tuple[int, int]]:
    return [
        (s.sold, s.held) for s in Slot.objects.filter(pk__in=[s.pk for s in slots]).order_by("pk")
    ]


def qr(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def test_an_upgrade_costs_the_difference_and_moves_the_ticket(
    shop: Any, vip: Slot, ticket: Ticket, guest_api: Any
) -> None:
    old_qr = qr(ticket)

    answer = upgrade(guest_api, ticket, vip)
    assert answer.status_code == 201, answer.json()
    assert answer.json()["amount"] == "250.00"
    assert counters(shop.slot, vip) == [(2, 0), (0, 1)]  # the new place is held
    mark_paid(booking=Booking.objects.get(pk=answer.json()["id"]))

    ticket.refresh_from_db()
    assert (ticket.slot_id, ticket.label, ticket.version) == (vip.pk, "VIP", 2)
    assert counters(shop.slot, vip) == [(1, 0), (1, 0)]
    gate = Gate.objects.create(event=shop.event, name="Gate")
    station = Station(user=StaffFactory(grant__event=shop.event))
    assert scan_commit(qr=old_qr, gate=gate, station=station)["status"] == "void"
    assert scan_commit(qr=qr(ticket), gate=gate, station=station)["status"] == "admitted"


def test_a_refund_of_the_original_booking_frees_the_new_place(
    shop: Any, vip: Slot, ticket: Ticket, guest_api: Any
) -> None:
    answer = upgrade(guest_api, ticket, vip)
    mark_paid(booking=Booking.objects.get(pk=answer.json()["id"]))

    from tests.support.bookings import client_of

    client_of(StaffFactory()).post(
        f"/api/staff/bookings/{ticket.booking_id}/cancel/", {"refund": True}, format="json"
    )

    assert counters(shop.slot, vip) == [(0, 0), (0, 0)]


def test_a_same_price_upgrade_is_confirmed_at_once(
    shop: Any, ticket: Ticket, guest_api: Any
) -> None:
    other = SlotFactory(resource=ResourceFactory(event=shop.event, name="Terrace", price="150.00"))

    answer = upgrade(guest_api, ticket, other)

    assert answer.json()["status"] == "confirmed"
    ticket.refresh_from_db()
    assert ticket.slot_id == other.pk


def test_a_cheaper_place_is_not_an_upgrade(shop: Any, ticket: Ticket, guest_api: Any) -> None:
    cheaper = SlotFactory(resource=ResourceFactory(event=shop.event, price="50.00"))

    answer = upgrade(guest_api, ticket, cheaper)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "not_upgradable"


def test_a_used_ticket_cannot_be_upgraded(
    shop: Any, vip: Slot, ticket: Ticket, guest_api: Any
) -> None:
    gate = Gate.objects.create(event=shop.event, name="Gate")
    scan_commit(qr=qr(ticket), gate=gate, station=Station(user=StaffFactory()))

    assert upgrade(guest_api, ticket, vip).status_code == 409


def test_a_sold_out_upgrade_is_refused(
    shop: Any, vip: Slot, ticket: Ticket, guest_api: Any
) -> None:
    for _ in range(2):
        shop.hold(UserFactory(), 1, slot=vip)

    answer = upgrade(guest_api, ticket, vip)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "sold_out"
    ticket.refresh_from_db()
    assert ticket.slot_id == shop.slot.pk


def test_someone_elses_ticket_is_not_found(vip: Slot, ticket: Ticket) -> None:
    from tests.support.bookings import client_of

    assert upgrade(client_of(UserFactory()), ticket, vip).status_code == 404


def test_an_upgrade_paid_after_the_ticket_was_used_is_refunded(
    shop: Any, vip: Slot, ticket: Ticket, guest_api: Any
) -> None:
    from backend.payments.models import Payment
    from backend.payments.providers.base import Outcome, ProviderEvent
    from backend.payments.services.outcomes import apply_event

    booking = Booking.objects.get(pk=upgrade(guest_api, ticket, vip).json()["id"])
    Payment.objects.create(booking=booking, provider="test", reference="test_up",
                           amount=booking.amount, currency=booking.currency)  # fmt: skip
    gate = Gate.objects.create(event=shop.event, name="Gate")
    scan_commit(qr=qr(ticket), gate=gate, station=Station(user=StaffFactory()))

    paid = ProviderEvent(
        "e1",
        "payment.succeeded",
        Outcome.SUCCEEDED,
        reference="test_up",
        amount_minor=int(booking.amount * 100),
        currency=booking.currency,
    )
    _changed, result = apply_event("test", paid)

    assert result == "late payment, places gone: refunded"
    booking.refresh_from_db()
    assert booking.status == "refunded"
    assert counters(shop.slot, vip) == [(2, 0), (0, 0)]
