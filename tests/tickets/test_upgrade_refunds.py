"""Undoing upgrades: refunding a paid upgrade puts the ticket back on the place that was
paid for, with a new code; refunding the booking it upgraded voids everything derived from
it. Staff at the desk upgrade a guest's ticket through the same service."""

from __future__ import annotations

from typing import Any

import pytest

from backend.bookings.models import Booking
from backend.checkin.models import Gate
from backend.checkin.services.scans import Station, scan_commit
from backend.core.models import AuditEntry
from backend.inventory.models import Hold, Slot
from backend.payments.models import Payment
from backend.tickets import codes
from backend.tickets.models import Ticket, TicketTransfer
from tests.factories import ResourceFactory, SlotFactory, StaffFactory, UserFactory
from tests.support.bookings import Shop, client_of, mark_paid

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def vip(shop: Shop) -> Slot:
    return SlotFactory(
        resource=ResourceFactory(event=shop.event, name="VIP", units=2, price="400.00")
    )


@pytest.fixture
def booking(shop: Shop, guest: Any) -> Booking:
    booking = shop.book(guest, 2)
    mark_paid(booking=booking)
    return booking


@pytest.fixture
def ticket(booking: Booking) -> Ticket:
    return booking.tickets.order_by("id").first()


@pytest.fixture
def desk(shop: Shop) -> Any:
    return client_of(StaffFactory(grant__event=shop.event))


def upgraded(guest_api: Any, ticket: Ticket, slot: Slot) -> Booking:
    answer = guest_api.post(f"/api/tickets/{ticket.pk}/upgrade/", {"slot": slot.pk}, format="json")
    assert answer.status_code == 201, answer.json()
    return mark_paid(booking=Booking.objects.get(pk=answer.json()["id"]))


def refund(client: Any, booking: Booking) -> Any:
    return client.post(f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json")


def counters(*slots: Slot) -> list[tuple[int, int]]:
    found = Slot.objects.in_bulk([s.pk for s in slots])
    return [(found[s.pk].sold, found[s.pk].held) for s in slots]


def qr(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def scan(shop: Shop, code: str) -> str:
    gate = Gate.objects.get_or_create(event=shop.event, name="Gate")[0]
    staff = StaffFactory(grant__event=shop.event)
    return scan_commit(qr=code, gate=gate, station=Station(user=staff))["status"]


def test_refunding_an_upgrade_puts_the_ticket_back_with_a_new_code(
    shop: Shop, vip: Slot, booking: Booking, ticket: Ticket, guest_api: Any, desk: Any
) -> None:
    upgrade = upgraded(guest_api, ticket, vip)
    ticket.refresh_from_db()
    upgraded_code = qr(ticket)
    assert (ticket.slot_id, counters(shop.slot, vip)) == (vip.pk, [(1, 0), (1, 0)])

    answer = refund(desk, upgrade)

    assert answer.status_code == 200, answer.json()
    assert answer.json()["status"] == "refunded"
    ticket.refresh_from_db()
    assert (ticket.slot_id, ticket.label, ticket.version) == (
        shop.slot.pk,
        str(shop.slot.resource),
        3,
    )
    assert counters(shop.slot, vip) == [(2, 0), (0, 0)]
    items = {i.slot_id: (i.quantity, str(i.unit_price)) for i in booking.items.all()}
    assert items == {shop.slot.pk: (2, "150.00")}  # what was paid for, at what was paid
    assert Payment.objects.get(booking=upgrade).status == "refunded"
    assert scan(shop, upgraded_code) == "void"
    assert scan(shop, qr(ticket)) == "admitted"


def test_an_upgrade_whose_old_place_was_sold_since_cannot_be_refunded_alone(
    shop: Shop, vip: Slot, ticket: Ticket, guest_api: Any, desk: Any
) -> None:
    upgrade = upgraded(guest_api, ticket, vip)
    for _ in range(9):  # the place it left is sold to someone else: the type is full
        mark_paid(booking=shop.book(UserFactory()))
    assert counters(shop.slot) == [(10, 0)]

    answer = refund(desk, upgrade)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "upgrade_not_reversible"
    upgrade.refresh_from_db()
    ticket.refresh_from_db()
    assert (upgrade.status, ticket.slot_id, ticket.version) == ("confirmed", vip.pk, 2)
    assert counters(shop.slot, vip) == [(10, 0), (1, 0)]
    assert Payment.objects.get(booking=upgrade).status == "succeeded"


def test_refunding_the_upgraded_booking_voids_what_came_from_it(
    shop: Shop, vip: Slot, booking: Booking, guest: Any, guest_api: Any, desk: Any
) -> None:
    first, second = booking.tickets.order_by("id")
    paid_upgrade = upgraded(guest_api, first, vip)
    pending = guest_api.post(f"/api/tickets/{second.pk}/upgrade/", {"slot": vip.pk}, format="json")
    assert pending.status_code == 201, pending.json()
    offer = TicketTransfer.objects.create(
        ticket=second, sender=guest, phone="+966551112222",
        expires_at=booking.created_at.replace(year=2099),
    )  # fmt: skip

    answer = refund(desk, booking)

    assert answer.status_code == 200, answer.json()
    assert set(booking.tickets.values_list("status", flat=True)) == {"void"}
    paid_upgrade.refresh_from_db()
    assert paid_upgrade.status == "refunded"
    assert Payment.objects.get(booking=paid_upgrade).status == "refunded"
    pending_upgrade = Booking.objects.get(pk=pending.json()["id"])
    assert pending_upgrade.status == "cancelled"
    assert pending_upgrade.hold.status == Hold.Status.RELEASED
    offer.refresh_from_db()
    assert offer.status == "cancelled"
    assert counters(shop.slot, vip) == [(0, 0), (0, 0)]
    assert scan(shop, qr(Ticket.objects.get(pk=first.pk))) == "void"


def staff_upgrade(client: Any, ticket: Ticket, slot: Slot, payment: str) -> Any:
    return client.post(
        f"/api/staff/tickets/{ticket.pk}/upgrade/",
        {"slot": slot.pk, "payment": payment},
        format="json",
    )


def test_staff_upgrade_taking_cash_at_the_desk(
    shop: Shop, vip: Slot, ticket: Ticket, desk: Any
) -> None:
    old_code = qr(ticket)

    answer = staff_upgrade(desk, ticket, vip, "cash")

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert (body["status"], body["amount"], body["provider"]) == ("confirmed", "250.00", "cash")
    ticket.refresh_from_db()
    assert (ticket.slot_id, ticket.version) == (vip.pk, 2)
    payment = Payment.objects.get(booking_id=body["id"])
    assert (payment.provider, payment.status, str(payment.amount)) == (
        "cash",
        "succeeded",
        "250.00",
    )
    assert scan(shop, old_code) == "void"
    entry = AuditEntry.objects.get(action="ticket.upgrade")
    assert entry.before["slot"] == shop.slot.pk
    assert (entry.after["slot"], entry.after["payment"]) == (vip.pk, "cash")


def test_staff_upgrade_as_a_comp(shop: Shop, vip: Slot, ticket: Ticket, desk: Any) -> None:
    answer = staff_upgrade(desk, ticket, vip, "comp")

    assert answer.status_code == 201, answer.json()
    assert (answer.json()["status"], answer.json()["amount"]) == ("confirmed", "0.00")
    ticket.refresh_from_db()
    assert ticket.slot_id == vip.pk
    assert not Payment.objects.filter(booking_id=answer.json()["id"]).exists()


def test_staff_upgrade_left_for_the_holder_to_pay(
    shop: Shop, vip: Slot, ticket: Ticket, guest: Any, guest_api: Any, desk: Any
) -> None:
    answer = staff_upgrade(desk, ticket, vip, "guest")

    assert answer.status_code == 201, answer.json()
    assert answer.json()["status"] == "pending_payment"
    upgrade = Booking.objects.get(pk=answer.json()["id"])
    assert upgrade.user_id == guest.pk  # the holder's to pay
    assert guest_api.get(f"/api/bookings/{upgrade.pk}/").status_code == 200
    ticket.refresh_from_db()
    assert ticket.slot_id == shop.slot.pk  # moves once paid
    mark_paid(booking=upgrade)
    ticket.refresh_from_db()
    assert ticket.slot_id == vip.pk


def test_staff_of_another_event_cannot_upgrade(shop: Shop, vip: Slot, ticket: Ticket) -> None:
    from tests.factories import EventFactory

    elsewhere = client_of(StaffFactory(grant__event=EventFactory()))

    answer = staff_upgrade(elsewhere, ticket, vip, "comp")

    assert answer.status_code == 404
    assert counters(vip) == [(0, 0)]
    assert not AuditEntry.objects.filter(action="ticket.upgrade").exists()


def test_a_refund_made_at_the_provider_is_recorded_even_when_the_old_place_is_gone(
    shop: Shop, vip: Slot, ticket: Ticket, guest_api: Any
) -> None:
    """The money went back from the provider's dashboard: it must be recorded whatever
    else cannot be done (the general admission it left has sold out since)."""
    from backend.payments.providers.base import Outcome, ProviderEvent, minor_units
    from backend.payments.services.outcomes import apply_event

    answer = guest_api.post(f"/api/tickets/{ticket.pk}/upgrade/", {"slot": vip.pk}, format="json")
    upgrade = Booking.objects.get(pk=answer.json()["id"])
    payment = Payment.objects.create(booking=upgrade, provider="test", reference="test_up",
                                     amount=upgrade.amount, currency=upgrade.currency)  # fmt: skip
    paid = ProviderEvent("e1", "payment.succeeded", Outcome.SUCCEEDED, reference="test_up",
                         amount_minor=minor_units(upgrade.amount, upgrade.currency),
                         currency=upgrade.currency)  # fmt: skip
    assert apply_event("test", paid)[1] == "confirmed"
    for _ in range(9):
        mark_paid(booking=shop.book(UserFactory()))
    amount = minor_units(upgrade.amount, upgrade.currency)
    refunded = ProviderEvent(
        "e2", "payment.refunded", Outcome.REFUNDED, reference="test_up", amount_minor=amount
    )

    _changed, result = apply_event("test", refunded)

    assert result == "booking refunded"
    payment.refresh_from_db()
    upgrade.refresh_from_db()
    ticket.refresh_from_db()
    assert (payment.status, upgrade.status) == ("refunded", "refunded")
    assert ticket.slot_id == vip.pk  # nowhere to go back to: it keeps its place
    told = AuditEntry.objects.get(action="upgrade.not_undone")
    assert (told.object_id, told.actor_label) == (str(upgrade.pk), "system")
    assert "sold since" in told.after["why"]
    assert counters(shop.slot, vip) == [(10, 0), (1, 0)]


def test_upgrades_work_on_an_invitation_only_evening() -> None:
    """An upgrade amends a booking made with an invitation: it needs no invitation of its
    own (the holder's is used already)."""
    from backend.inventory.models import Event
    from tests.factories import AllowlistEntryFactory, EventFactory

    event = EventFactory(slug="vip-night", kind=Event.Kind.VIP, allowlist_only=True)
    seats = SlotFactory(resource=ResourceFactory(event=event, name="Terrace", price="100.00"))
    lounge = SlotFactory(resource=ResourceFactory(event=event, name="Lounge", price="300.00"))
    AllowlistEntryFactory(event=event, phone="+966500000201")
    vip_guest = UserFactory(phone="+966500000201")
    booking = mark_paid(booking=Shop(event, seats).book(vip_guest))
    pass_ = booking.tickets.get()

    answer = client_of(vip_guest).post(
        f"/api/tickets/{pass_.pk}/upgrade/", {"slot": lounge.pk}, format="json"
    )
    desk = client_of(StaffFactory(grant__event=event)).post(
        f"/api/staff/tickets/{pass_.pk}/upgrade/", {"slot": lounge.pk, "payment": "comp"},
        format="json",
    )  # fmt: skip

    assert answer.status_code == 201, answer.json()
    assert desk.status_code == 409  # the first upgrade holds the lounge place's ticket
    mark_paid(booking=Booking.objects.get(pk=answer.json()["id"]))
    pass_.refresh_from_db()
    assert pass_.slot_id == lounge.pk


@pytest.mark.postgres
def test_confirming_an_upgrade_while_its_booking_is_refunded_ends_one_way(
    shop: Shop, vip: Slot, booking: Booking, ticket: Ticket, guest_api: Any
) -> None:
    """The upgrade's payment and the original's refund at the same instant: no deadlock,
    no 500; whichever wins, nothing is left half done and no place is sold twice."""
    from backend.payments.services.outcomes import refund_booking_payments
    from tests.support.concurrency import run_together

    answer = guest_api.post(f"/api/tickets/{ticket.pk}/upgrade/", {"slot": vip.pk}, format="json")
    upgrade = Booking.objects.get(pk=answer.json()["id"])
    staff = StaffFactory(grant__event=shop.event)

    def pay_upgrade() -> str:
        try:
            mark_paid(booking=upgrade)
        except Exception as error:  # the original was refunded first: refused, not a bug
            return f"upgrade refused: {getattr(error, 'code', type(error).__name__)}"
        return "upgrade paid"

    def refund_original() -> str:
        refund_booking_payments(booking=booking, note="refund", actor=staff)
        return "refunded"

    outcomes = run_together([pay_upgrade, refund_original])

    assert outcomes["refunded"] == 1, outcomes
    assert not [o for o in outcomes if "OperationalError" in o or "Deadlock" in o], outcomes
    upgrade.refresh_from_db()
    assert upgrade.status in ("refunded", "cancelled", "pending_payment", "expired")
    assert set(booking.tickets.values_list("status", flat=True)) == {"void"}
    for slot in Slot.objects.filter(pk__in=[shop.slot.pk, vip.pk]):
        assert slot.sold == 0, (slot, slot.sold, slot.held)


def test_the_periodic_job_ends_upgrades_whose_booking_ended_when_the_task_was_lost(
    shop: Shop, vip: Slot, booking: Booking, ticket: Ticket, guest_api: Any
) -> None:
    from backend.tickets.services.tickets import amendments_orphaned_end

    answer = guest_api.post(f"/api/tickets/{ticket.pk}/upgrade/", {"slot": vip.pk}, format="json")
    pending = Booking.objects.get(pk=answer.json()["id"])
    # The original ended, and the task that should have followed never ran.
    Booking.objects.filter(pk=booking.pk).update(status="refunded")

    assert amendments_orphaned_end() == 1
    pending.refresh_from_db()
    assert pending.status == "cancelled"
    assert amendments_orphaned_end() == 0
