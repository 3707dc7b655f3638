"""Every message to a guest is logged (to whom, which template, the provider's answer), and
none goes to a number nobody proved with a code: a phone-only guest is texted (held when the
number was never proved), transfers and comps tell the person they are for, and staff read a
booking's messages. SMS go through the real Twilio client to the fake on 127.0.0.1."""

from __future__ import annotations

import re
from typing import Any

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import transaction

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_refund, locked_booking
from backend.notifications.models import Message
from backend.notifications.services.booking_messages import booking_email_send
from backend.notifications.tasks import send_booking_sms
from backend.tickets.models import Ticket
from tests.factories import EventFactory, StaffFactory, UserFactory
from tests.support.bookings import client_of, mark_paid
from tests.support.fake_twilio import FakeTwilioVerify

pytestmark = pytest.mark.django_db(transaction=True)

TRANSFERS = "/api/tickets/transfers/"
SIGNED = re.compile(r"/t/[\w:-]+$")


def proved(user: Any) -> Any:
    """The account's phone proved by a code (as signing in by OTP does)."""
    user.verified_phone = user.phone
    user.save(update_fields=["verified_phone"])
    return user


def log(**filters: Any) -> list[tuple[str, str, str, str]]:
    rows = Message.objects.filter(**filters).order_by("pk")
    return [(m.channel, m.template, m.to, m.status) for m in rows]


def paid(shop: Any, user: Any, quantity: int = 1) -> Booking:
    return mark_paid(booking=shop.book(user, quantity))


# Bookings


def test_a_confirmation_email_is_logged_with_its_message_id_and_files(
    shop: Any, guest: Any
) -> None:
    booking = paid(shop, guest)

    [email] = mail.outbox
    [row] = Message.objects.filter(booking=booking, channel="email")
    assert (row.channel, row.template, row.language, row.to, row.status) == (
        "email", "confirmed", "en", "guest@example.com", "sent"
    )  # fmt: skip
    # and the SMS, held: this guest's phone was never proved with a code
    assert log(booking=booking, channel="sms") == [("sms", "confirmed", guest.phone, "held")]
    assert row.answer == f"accepted {email.extra_headers['Message-ID']}"
    assert row.attachments == [name for name, _, _ in email.attachments]
    assert row.attachments[0] == f"tickets-{booking.reference}.pdf"
    assert (row.user, row.event) == (guest, shop.event)


def test_a_phone_only_guest_is_texted_the_link_to_their_tickets(
    shop: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    guest = proved(UserFactory(email=None))

    booking = paid(shop, guest)

    [sms] = twilio_messaging.messages
    assert sms.to == guest.phone
    assert SIGNED.sub("/t/…", sms.body) == (
        f"Booking {booking.reference} confirmed: {shop.event.name}. "
        "Your tickets: https://tickets.example/t/…"
    )
    assert log(booking=booking) == [("sms", "confirmed", guest.phone, "sent")]
    assert Message.objects.get(booking=booking).answer == f"twilio {sms.id}"
    assert mail.outbox == []


def test_a_number_never_proved_gets_no_sms_and_the_log_says_so(
    shop: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    guest = UserFactory(email=None)  # signed up by staff, never signed in

    booking = paid(shop, guest)

    assert twilio_messaging.requests == []
    [row] = Message.objects.filter(booking=booking)
    assert (row.channel, row.to, row.status) == ("sms", guest.phone, "held")
    assert row.answer == "held: no mobile number proved with a code"


def test_a_number_proved_once_but_changed_since_is_not_texted(
    shop: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    guest = proved(UserFactory(email=None))
    guest.phone = "+966512345999"  # changed in the profile, not proved again
    guest.save(update_fields=["phone"])

    booking = paid(shop, guest)

    assert twilio_messaging.requests == []
    assert log(booking=booking) == [("sms", "confirmed", "+966512345999", "held")]


def test_an_arabic_guest_is_texted_in_arabic(shop: Any, twilio_messaging: FakeTwilioVerify) -> None:
    guest = proved(UserFactory(email=None))
    booking = shop.book(guest)
    Booking.objects.filter(pk=booking.pk).update(language="ar")

    mark_paid(booking=Booking.objects.get(pk=booking.pk))

    [sms] = twilio_messaging.messages
    # The reference and the English name are isolated runs (FSI ... PDI) in the Arabic text.
    assert sms.body.startswith(
        f"تم تأكيد الحجز \u2068{booking.reference}\u2069: \u2068{shop.event.name}\u2069. تذاكرك: "
    )
    assert Message.objects.get(booking=booking).language == "ar"


def test_a_refused_sms_is_logged_as_failed_and_not_retried(
    shop: Any, twilio_messaging: FakeTwilioVerify, settings: Any
) -> None:
    booking = paid(shop, proved(UserFactory(email=None)))
    settings.TWILIO_FROM_NUMBER = "+15005550001"  # not the account's number: 21606

    assert send_booking_sms.apply(args=(str(booking.pk), "tickets")).result is False

    row = Message.objects.get(booking=booking, template="tickets")
    assert (row.status, row.answer) == ("failed", "twilio refused: 21606")
    assert len(twilio_messaging.requests) == 2  # the confirmation, then this one, once


def test_an_sms_outage_is_logged_and_retried(shop: Any, twilio_messaging: FakeTwilioVerify) -> None:
    guest = proved(UserFactory(email=None))
    booking = paid(shop, guest)
    twilio_messaging.fail(503)

    with pytest.raises(Retry):  # eager in tests: the retry raises out of .delay()
        send_booking_sms.delay(str(booking.pk), "tickets")

    rows = Message.objects.filter(booking=booking, template="tickets")
    assert [(m.status, m.answer.split(":")[0]) for m in rows] == [("failed", "twilio unavailable")]


def test_a_mail_server_that_cannot_be_reached_is_logged_and_retried(
    shop: Any, guest: Any, settings: Any
) -> None:
    booking = paid(shop, guest)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    with pytest.raises(OSError):
        booking_email_send(booking_id=str(booking.pk), kind="cancelled")

    row = Message.objects.filter(booking=booking).latest("pk")
    assert (row.template, row.status) == ("cancelled", "failed")
    assert row.answer.startswith("unavailable: ConnectionRefusedError")


def test_every_message_of_a_booking_is_in_its_log(
    shop: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    """Confirmed, tickets sent again (e-mail and SMS), invoices sent again, refunded: each
    e-mail and SMS that went out is one row, and nothing else is."""
    guest = proved(UserFactory(email="both@example.com"))
    booking = paid(shop, guest)
    api = client_of(guest)

    assert api.post("/api/tickets/resend/", {"booking": str(booking.pk)},
                    format="json").status_code == 202  # fmt: skip
    assert api.post(f"/api/bookings/{booking.pk}/invoices/resend/").status_code == 202
    with transaction.atomic():
        booking_refund(booking=locked_booking(booking.pk), note="At the desk.")

    assert log(booking=booking) == [
        ("email", "confirmed", "both@example.com", "sent"),
        ("sms", "confirmed", guest.phone, "sent"),
        ("email", "confirmed", "both@example.com", "sent"),
        ("sms", "tickets", guest.phone, "sent"),
        ("email", "invoices", "both@example.com", "sent"),
        ("email", "refunded", "both@example.com", "sent"),
        ("sms", "refunded", guest.phone, "sent"),
    ]
    assert len(mail.outbox) == 4
    assert [m.to for m in twilio_messaging.messages] == [guest.phone] * 3
    invoices = Message.objects.get(booking=booking, template="invoices")
    assert invoices.attachments == [name for name, _, _ in mail.outbox[2].attachments]


# Transfers and comps


def offer(ticket: Ticket, phone: str) -> Any:
    return client_of(ticket.booking.user).post(
        TRANSFERS, {"ticket": ticket.pk, "phone": phone, "name": "Huda"}, format="json"
    )


def test_an_offer_texts_the_proved_phone_it_is_for_and_the_acceptance_gives_the_ticket(
    shop: Any, guest: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    booking = paid(shop, guest)
    ticket = Ticket.objects.get(booking=booking)
    receiver = proved(UserFactory(email=None, name="Huda"))

    made = offer(ticket, receiver.phone)
    assert made.status_code == 201, made.json()
    accepted = client_of(receiver).post(f"{TRANSFERS}{made.json()['id']}/accept/")
    assert accepted.status_code == 200, accepted.json()

    offered, received = twilio_messaging.messages
    assert offered.to == received.to == receiver.phone
    assert offered.body.startswith(f"{guest.name} is passing you a ticket for {shop.event.name}.")
    assert offered.body.endswith("https://tickets.example/bookings?lang=en")
    assert SIGNED.sub("/t/…", received.body) == (
        f"The ticket for {shop.event.name} is yours: https://tickets.example/t/…"
    )
    link = received.body.rsplit("/t/", 1)[1]
    opened = client_of(UserFactory()).get(f"/api/tickets/links/{link}/").json()
    assert [t["id"] for t in opened["tickets"]] == [ticket.pk]  # the receiver's ticket
    assert log(booking=booking, channel="sms", template__startswith="transfer") == [
        ("sms", "transfer_offered", receiver.phone, "sent"),
        ("sms", "transfer_received", receiver.phone, "sent"),
    ]


def test_an_offer_to_a_phone_nobody_proved_is_held(
    shop: Any, guest: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    ticket = Ticket.objects.get(booking=paid(shop, guest))

    assert offer(ticket, "+966512349876").status_code == 201

    assert twilio_messaging.requests == []
    assert log(booking=ticket.booking, template="transfer_offered") == [
        ("sms", "transfer_offered", "+966512349876", "held")
    ]


def test_an_offer_to_an_account_with_an_email_is_mailed_and_the_ticket_attached_on_accept(
    shop: Any, guest: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    ticket = Ticket.objects.get(booking=paid(shop, guest))
    receiver = UserFactory(email="huda@example.com", language="ar")
    mail.outbox.clear()

    made = offer(ticket, receiver.phone)
    client_of(receiver).post(f"{TRANSFERS}{made.json()['id']}/accept/")

    offered, received = mail.outbox
    assert offered.to == received.to == ["huda@example.com"]
    assert offered.subject == (
        f"\u2068{guest.name}\u2069 يرسل إليك تذكرة لـ \u2068{shop.event.name}\u2069"
    )
    assert [name for name, _, _ in received.attachments] == [f"tickets-{ticket.reference}.pdf"]
    assert twilio_messaging.requests == []
    assert log(booking=ticket.booking, channel="email", template__startswith="transfer") == [
        ("email", "transfer_offered", "huda@example.com", "sent"),
        ("email", "transfer_received", "huda@example.com", "sent"),
    ]


def test_a_comp_texts_a_proved_phone_and_holds_an_unproved_one(
    shop: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    staff = client_of(StaffFactory(grant__event=shop.event))
    known = proved(UserFactory(email=None))
    body = {"event": shop.event.slug, "items": [{"slot": shop.slot.pk, "quantity": 1}]}

    assert staff.post("/api/staff/comps/", {**body, "phone": known.phone},
                      format="json").status_code == 201  # fmt: skip
    assert staff.post("/api/staff/comps/", {**body, "phone": "+966512340077"},
                      format="json").status_code == 201  # fmt: skip

    [sms] = twilio_messaging.messages
    assert sms.to == known.phone
    assert "/t/" in sms.body
    assert set(log(template="confirmed")) == {
        ("sms", "confirmed", "+966512340077", "held"),
        ("sms", "confirmed", known.phone, "sent"),
    }


# Staff read the log


def test_staff_of_the_event_read_a_bookings_messages(shop: Any, guest: Any) -> None:
    booking = paid(shop, guest)
    url = f"/api/staff/bookings/{booking.pk}/messages/"

    answer = client_of(StaffFactory(grant__event=shop.event)).get(url)

    assert answer.status_code == 200
    rows = [(r["channel"], r["template"], r["to"], r["status"]) for r in answer.json()]
    assert sorted(rows) == [
        ("email", "confirmed", "guest@example.com", "sent"),
        ("sms", "confirmed", guest.phone, "held"),
    ]
    assert client_of(StaffFactory(grant__event=EventFactory())).get(url).status_code == 404
    assert client_of(guest).get(url).status_code == 403
    assert (
        client_of(StaffFactory(grant__event=shop.event))
        .get("/api/staff/bookings/00000000-0000-0000-0000-000000000000/messages/")
        .status_code
        == 404
    )


def test_an_offer_from_a_sender_without_a_name_shows_their_masked_phone(
    shop: Any, guest: Any, twilio_messaging: FakeTwilioVerify
) -> None:
    ticket = Ticket.objects.get(booking=paid(shop, guest))
    guest.name = ""
    guest.save(update_fields=["name"])
    receiver = proved(UserFactory(email=None, name="Huda"))

    assert offer(ticket, receiver.phone).status_code == 201

    (offered,) = twilio_messaging.messages
    last3 = guest.phone[-3:]
    assert offered.body.startswith(f"+966 *** {last3} is passing you a ticket for ")
    assert guest.phone not in offered.body
