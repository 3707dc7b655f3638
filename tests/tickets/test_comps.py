"""Staff comps (free tickets for a phone) and resending a booking's tickets."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.inventory.models import Slot
from tests.factories import StaffFactory, UserFactory
from tests.support.bookings import client_of, mark_paid

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
    mark_paid(booking=booking)
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
    mark_paid(booking=booking)
    return booking


def proved(user: Any) -> Any:
    """The account's phone proved by a code (as signing in by OTP does)."""
    user.verified_phone = user.phone
    user.save(update_fields=["verified_phone"])
    return user


@pytest.fixture
def sms_log(caplog: pytest.LogCaptureFixture, settings: Any) -> pytest.LogCaptureFixture:
    settings.SMS_PROVIDER = "console"
    settings.FRONTEND_URL = "https://tickets.example"
    caplog.set_level(logging.INFO, logger="gatehouse.sms")
    return caplog


SIGNED = re.compile(r"/t/[\w:-]+$")  # the signed link's token (see tests/tickets/test_links.py)


def sms_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("SMS ")]


def test_resend_texts_a_link_to_the_tickets(
    shop: Any, guest: Any, guest_api: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    booking = paid(shop.book(proved(guest)))
    sms_log.clear()  # the confirmation's own SMS
    shop.event.name = "Winter Fest"
    shop.event.save(update_fields=["name"])

    assert resend(guest_api, booking).status_code == 202

    assert guest.phone.startswith("+9665")
    assert [SIGNED.sub("/t/…", line) for line in sms_lines(sms_log)] == [
        f"SMS {guest.phone} Your tickets for Winter Fest: https://tickets.example/t/…"
    ]


def test_resend_texts_the_accounts_own_phone_never_a_typed_one(
    shop: Any, guest: Any, guest_api: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    """The contact phone is whatever the booking form was given (a premium-rate number,
    someone else's): the SMS goes only to the account's mobile, proved by a code."""
    booking = paid(shop.book(proved(guest)))
    sms_log.clear()  # the confirmation's own SMS
    Booking.objects.filter(pk=booking.pk).update(contact_phone="+966500000999", language="ar")

    assert resend(guest_api, booking).status_code == 202

    assert [SIGNED.sub("/t/…", line) for line in sms_lines(sms_log)] == [
        f"SMS {guest.phone} تذاكرك لـ \u2068{shop.event.name}\u2069: https://tickets.example/t/…"
    ]


def test_resend_texts_no_phone_that_was_never_proved(
    shop: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    """A comp makes an account for a typed phone: until its owner signs in with a code,
    nothing is texted to it."""
    user = UserFactory(phone="+966500000777")
    booking = paid(shop.book(user))
    before = len(mail.outbox)

    assert resend(client_of(user), booking).status_code == 202

    assert sms_lines(sms_log) == []
    assert len(mail.outbox) == before  # and it has no e-mail address either


def test_resend_through_twilio(
    shop: Any, guest: Any, guest_api: Any, twilio_messaging: Any
) -> None:
    booking = paid(shop.book(proved(guest)))
    twilio_messaging.requests.clear()  # the confirmation's own SMS
    twilio_messaging.messages.clear()
    before = len(mail.outbox)

    assert resend(guest_api, booking).status_code == 202

    assert [(m.to, SIGNED.sub("/t/…", m.body)) for m in twilio_messaging.messages] == [
        (guest.phone, f"Your tickets for {shop.event.name}: https://tickets.example/t/…")
    ]
    assert twilio_messaging.requests[0].basic_auth == (
        twilio_messaging.account_sid,
        twilio_messaging.auth_token,
    )
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
    shop: Any, guest: Any, guest_api: Any, twilio_messaging: Any
) -> None:
    booking = paid(shop.book(proved(guest)))
    twilio_messaging.requests.clear()  # the confirmation's own SMS
    twilio_messaging.messages.clear()
    before = len(mail.outbox)
    twilio_messaging.fail(503)

    assert resend(guest_api, booking).status_code == 202

    assert len(mail.outbox) == before + 1
    assert len(twilio_messaging.requests) == 1
    assert twilio_messaging.messages == []


def test_resends_are_limited_per_booking_at_the_edge(
    shop: Any, guest: Any, guest_api: Any, settings: Any
) -> None:
    assert settings.TICKETS_RESEND_PER_BOOKING == 3
    booking = paid(shop.book(guest))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        answers = [resend(guest_api, booking) for _ in range(4)]
    with time_machine.travel(start + timedelta(seconds=3599), tick=False):
        still = resend(client_of(guest), booking)  # a fresh sign-in: tokens live 15 min
    with time_machine.travel(start + timedelta(seconds=3600), tick=False):
        later = resend(client_of(guest), booking)

    assert [a.status_code for a in answers] == [202, 202, 202, 429]
    assert answers[-1].json()["error"]["code"] == "rate_limited"
    assert still.status_code == 429
    assert later.status_code == 202


def test_resends_are_limited_per_caller_across_bookings(shop: Any, settings: Any) -> None:
    settings.TICKETS_RESEND_PER_USER = 2
    staff = StaffFactory(grant__event=shop.event)
    bookings = [paid(shop.book(UserFactory())) for _ in range(3)]
    desk = client_of(staff)

    answers = [resend(desk, booking) for booking in bookings]

    assert [a.status_code for a in answers] == [202, 202, 429]


def test_a_staff_resend_is_audited(shop: Any, guest: Any) -> None:
    from backend.core.models import AuditEntry

    booking = paid(shop.book(guest))
    staff = StaffFactory(grant__event=shop.event)

    assert resend(client_of(staff), booking).status_code == 202
    assert resend(client_of(guest), booking).status_code == 202  # the guest's own: no row

    entries = AuditEntry.objects.filter(action="tickets.resend")
    assert [(e.actor_id, e.object_id, e.event_id) for e in entries] == [
        (staff.pk, str(booking.pk), shop.event.pk)
    ]


def test_a_phone_changed_since_it_was_proved_gets_no_sms(
    shop: Any, guest: Any, guest_api: Any, sms_log: pytest.LogCaptureFixture
) -> None:
    booking = paid(shop.book(proved(guest)))
    sms_log.clear()  # the confirmation's own SMS
    User.objects.filter(pk=guest.pk).update(phone="+966500000666")  # edited, never proved

    assert resend(guest_api, booking).status_code == 202

    assert sms_lines(sms_log) == []


def test_the_resend_service_itself_refuses_a_stranger(shop: Any, guest: Any) -> None:
    from backend.core.errors import Forbidden
    from backend.notifications.services.resend import tickets_resend

    booking = paid(shop.book(guest))

    with pytest.raises(Forbidden):
        tickets_resend(booking=booking, requester=UserFactory())
