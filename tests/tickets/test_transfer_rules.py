"""What a transfer may not do: pass an invitation on to someone who was not invited, or
leave the seller able to send themselves the buyer's current code."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from pypdf import PdfReader

from backend.accounts.models import AllowlistEntry
from backend.bookings.models import Booking
from backend.inventory.models import Event
from backend.tickets.models import Ticket
from tests.factories import (
    AllowlistEntryFactory,
    EventFactory,
    ResourceFactory,
    SlotFactory,
    StaffFactory,
    UserFactory,
)
from tests.support.bookings import Shop, client_of, mark_paid

pytestmark = pytest.mark.django_db

TRANSFERS = "/api/tickets/transfers/"


@pytest.fixture
def evening() -> Shop:
    event = EventFactory(slug="vip-night", kind=Event.Kind.VIP, allowlist_only=True)
    slot = SlotFactory(resource=ResourceFactory(event=event, kind="ticket", price="0.00"))
    return Shop(event, slot)


def invited(event: Event, phone: str) -> Any:
    AllowlistEntryFactory(event=event, phone=phone)
    return UserFactory(phone=phone)


@pytest.fixture
def vip_pass(evening: Shop) -> Ticket:
    host = invited(evening.event, "+966500000101")
    booking = evening.book(host)  # free: confirmed at once, the invitation used
    return booking.tickets.get()


def offer(ticket: Ticket, phone: str) -> Any:
    return client_of(ticket.booking.user).post(
        TRANSFERS, {"ticket": ticket.pk, "phone": phone}, format="json"
    )


def test_a_pass_cannot_go_to_a_phone_that_is_not_invited(vip_pass: Ticket) -> None:
    answer = offer(vip_pass, "+966500000999")

    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "not_invited"


def test_a_pass_cannot_go_to_a_guest_who_already_booked(evening: Shop, vip_pass: Ticket) -> None:
    other = invited(evening.event, "+966500000102")
    evening.book(other)

    answer = offer(vip_pass, other.phone)

    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "not_invited"  # the same answer either way


def test_a_pass_goes_to_an_invited_guest_and_uses_their_invitation(
    evening: Shop, vip_pass: Ticket
) -> None:
    friend = invited(evening.event, "+966500000103")

    made = offer(vip_pass, friend.phone)
    accepted = client_of(friend).post(f"{TRANSFERS}{made.json()['id']}/accept/")

    assert made.status_code == 201
    assert accepted.status_code == 200, accepted.json()
    vip_pass.refresh_from_db()
    assert vip_pass.owner_id == friend.pk
    entry = AllowlistEntry.objects.get(event=evening.event, phone=friend.phone)
    assert entry.booked_at is not None
    refused = client_of(friend).post(
        "/api/holds/", {"event": "vip-night", "items": [{"slot": evening.slot.pk}]}, format="json"
    )
    booking_again = (
        refused
        if refused.status_code != 201
        else client_of(friend).post("/api/bookings/", {"hold": refused.json()["id"]}, format="json")
    )
    assert booking_again.status_code in (403, 409)


def test_an_offer_to_a_guest_who_books_meanwhile_cannot_be_accepted(
    evening: Shop, vip_pass: Ticket
) -> None:
    friend = invited(evening.event, "+966500000104")
    made = offer(vip_pass, friend.phone)
    evening.book(friend)  # used their own invitation in the meantime

    accepted = client_of(friend).post(f"{TRANSFERS}{made.json()['id']}/accept/")

    assert accepted.status_code == 403
    vip_pass.refresh_from_db()
    assert vip_pass.owner_id is None


def test_a_comp_on_an_invitation_only_event_goes_only_to_an_invited_phone(
    evening: Shop,
) -> None:
    AllowlistEntryFactory(event=evening.event, phone="+966500000105")
    desk = client_of(StaffFactory(grant__event=evening.event))

    def comp(phone: str) -> Any:
        return desk.post(
            "/api/staff/comps/",
            {"event": "vip-night", "phone": phone, "items": [{"slot": evening.slot.pk}]},
            format="json",
        )

    stranger = comp("+966500000998")
    guest = comp("+966500000105")
    twice = comp("+966500000105")

    assert stranger.status_code == 403
    assert guest.status_code == 201
    assert twice.status_code == 403  # invited, but the invitation is used
    assert Booking.objects.filter(event=evening.event).count() == 1
    assert AllowlistEntry.objects.get(phone="+966500000105").booked_at is not None


@pytest.mark.django_db(transaction=True)  # the e-mail leaves after commit
def test_the_seller_resends_only_the_tickets_they_still_hold(shop: Shop, guest: Any) -> None:
    booking = shop.book(guest, 2)
    mark_paid(booking=booking)
    sold, kept = booking.tickets.order_by("id")
    buyer = UserFactory(phone="+966551234599")
    made = client_of(guest).post(
        TRANSFERS, {"ticket": sold.pk, "phone": buyer.phone}, format="json"
    )
    assert client_of(buyer).post(f"{TRANSFERS}{made.json()['id']}/accept/").status_code == 200
    Ticket.objects.filter(pk=sold.pk).update(holder_name="Buyer Name")
    Ticket.objects.filter(pk=kept.pk).update(holder_name="Seller Name")
    guest.email = "seller@example.com"
    guest.save(update_fields=["email"])
    mail.outbox.clear()

    answer = client_of(guest).post(
        "/api/tickets/resend/", {"booking": str(booking.pk)}, format="json"
    )

    assert answer.status_code == 202
    [message] = mail.outbox
    [content] = [content for name, content, _ in message.attachments if name.startswith("tickets")]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    assert len(pages) == 1
    assert "Seller Name" in pages[0]
    assert "Buyer Name" not in pages[0]
