"""Staff comps (free tickets for a phone) and resending a booking's tickets."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.inventory.models import Slot
from backend.payments.services.payments import booking_mark_paid
from tests.factories import StaffFactory, UserFactory
from tests.support.bookings import client_of

pytestmark = pytest.mark.django_db(transaction=True)


def comp(api: Any, shop: Any, phone: str = "0512345000", quantity: int = 2) -> Any:
    body = {"event": shop.event.slug, "phone": phone, "name": "Huda",
            "items": [{"slot": shop.slot.pk, "quantity": quantity}]}  # fmt: skip
    return api.post("/api/staff/comps/", body, format="json")


def test_a_comp_makes_free_tickets_the_phone_finds_after_signing_in(shop: Any) -> None:
    staff = client_of(StaffFactory(grant__event=shop.event))

    answer = comp(staff, shop)

    assert answer.status_code == 201, answer.json()
    assert (answer.json()["status"], answer.json()["amount"]) == ("confirmed", "0.00")
    guest = User.objects.get(phone="+966512345000")
    listed = client_of(guest).get("/api/tickets/").json()
    assert listed["count"] == 2
    slot = Slot.objects.get(pk=shop.slot.pk)
    assert (slot.sold, slot.held) == (2, 0)


def test_a_comp_never_oversells(shop: Any) -> None:
    staff = client_of(StaffFactory(grant__event=shop.event))

    answer = comp(staff, shop, quantity=11)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] in ("sold_out", "hold_limit")
    assert not Booking.objects.exists()


def test_comps_are_for_staff_of_the_event(shop: Any, guest_api: Any) -> None:
    from tests.factories import EventFactory

    elsewhere = client_of(StaffFactory(grant__event=EventFactory()))

    assert comp(guest_api, shop).status_code == 403
    assert comp(elsewhere, shop).status_code == 404
    assert not Booking.objects.exists()


def test_a_bad_phone_is_refused(shop: Any) -> None:
    answer = comp(client_of(StaffFactory()), shop, phone="12")

    assert answer.status_code == 400
    assert "phone" in answer.json()["error"]["fields"]


def test_resend_mails_the_tickets_again(shop: Any, guest: Any, guest_api: Any) -> None:
    booking = shop.book(guest)
    booking_mark_paid(booking=booking)
    before = len(mail.outbox)

    answer = guest_api.post("/api/tickets/resend/", {"booking": str(booking.pk)}, format="json")

    assert answer.status_code == 202
    assert len(mail.outbox) == before + 1
    assert booking.reference in mail.outbox[-1].subject


def test_resend_of_an_unpaid_booking_is_refused(shop: Any, guest: Any, guest_api: Any) -> None:
    booking = shop.book(guest)

    answer = guest_api.post("/api/tickets/resend/", {"booking": str(booking.pk)}, format="json")

    assert answer.status_code == 409


def test_resend_of_someone_elses_booking_is_not_found(shop: Any, guest_api: Any) -> None:
    booking = shop.book(UserFactory())

    answer = guest_api.post("/api/tickets/resend/", {"booking": str(booking.pk)}, format="json")

    assert answer.status_code == 404
