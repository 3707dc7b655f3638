"""Staff comps (free tickets for a phone) and resending a booking's tickets."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.inventory.models import Slot
from backend.payments.services.payments import booking_mark_paid
from tests.factories import StaffFactory, UserFactory
from tests.support.bookings import client_of
from tests.support.fake_twilio import FakeTwilioVerify

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
    assert comp(elsewhere, shop).status_code == 403  # another event's: forbidden
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


def resend(client: Any, booking: Booking) -> Any:
    return client.post("/api/tickets/resend/", {"booking": str(booking.pk)}, format="json")


def paid(booking: Booking) -> Booking:
    booking_mark_paid(booking=booking)
    return booking


@pytest.fixture
def sms_log(caplog: pytest.LogCaptureFixture, settings: Any) -> pytest.LogCaptureFixture:
    settings.SMS_PROVIDER = "console"
    settings.FRONTEND_URL = "https://tickets.example"
    caplog.set_level(logging.INFO, logger="gatehouse.sms")
    return caplog


def sms_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("SMS ")]


@pytest.fixture
def twilio(settings: Any) -> Iterator[FakeTwilioVerify]:
    with FakeTwilioVerify() as fake:
        settings.SMS_PROVIDER = "twilio"
        settings.TWILIO_API_BASE = fake.base_url
        settings.TWILIO_ACCOUNT_SID = fake.account_sid
        settings.TWILIO_AUTH_TOKEN = fake.auth_token
        settings.TWILIO_FROM_NUMBER = fake.from_number
        settings.SMS_TIMEOUT_SECONDS = 5.0
        settings.FRONTEND_URL = "https://tickets.example"
        yield fake


def test_resend_texts_a_link_to_the_tickets(
    shop: Any, guest: Any, guest_api: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    booking = paid(shop.book(guest))
    shop.event.name = "Winter Fest"
    shop.event.save(update_fields=["name"])

    assert resend(guest_api, booking).status_code == 202

    assert guest.phone.startswith("+9665")
    assert sms_lines(sms_log) == [
        f"SMS {guest.phone} Your tickets for Winter Fest: https://tickets.example/tickets"
    ]


def test_resend_texts_the_contact_phone_in_the_bookings_language(
    shop: Any, guest: Any, guest_api: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    booking = paid(shop.book(guest))
    Booking.objects.filter(pk=booking.pk).update(contact_phone="+966500000999", language="ar")

    assert resend(guest_api, booking).status_code == 202

    assert sms_lines(sms_log) == [
        f"SMS +966500000999 تذاكرك لـ {shop.event.name}: https://tickets.example/tickets"
    ]


def test_resend_through_twilio(shop: Any, guest: Any, guest_api: Any, twilio: Any) -> None:
    booking = paid(shop.book(guest))
    before = len(mail.outbox)

    assert resend(guest_api, booking).status_code == 202

    assert [(m.to, m.body) for m in twilio.messages] == [
        (guest.phone, f"Your tickets for {shop.event.name}: https://tickets.example/tickets")
    ]
    assert twilio.requests[0].basic_auth == (twilio.account_sid, twilio.auth_token)
    assert len(mail.outbox) == before + 1


def test_resend_without_a_phone_mails_but_sends_no_sms(
    shop: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    user = UserFactory(phone=None, email="nophone@example.com")
    booking = paid(shop.book(user))
    assert not booking.contact_phone
    before = len(mail.outbox)

    assert resend(client_of(user), booking).status_code == 202

    assert len(mail.outbox) == before + 1
    assert sms_lines(sms_log) == []


def test_resend_during_an_sms_outage_still_mails(
    shop: Any, guest: Any, guest_api: Any, twilio: Any
) -> None:
    booking = paid(shop.book(guest))
    before = len(mail.outbox)
    twilio.fail(503)

    assert resend(guest_api, booking).status_code == 202

    assert len(mail.outbox) == before + 1
    assert len(twilio.requests) == 1
    assert twilio.messages == []
