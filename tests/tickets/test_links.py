"""Signed links to a booking's tickets (the tickets SMS carries one): they open, without
signing in, the tickets of that booking their holder still holds, with QR codes, until they
expire; an altered, expired or foreign link is a 404 in the error shape."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import signing
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.notifications.services.booking_messages import booking_sms_send
from backend.tickets import codes
from backend.tickets.links import SALT, ticket_link_token, ticket_link_url
from backend.tickets.models import Ticket
from backend.tickets.services.transfers import transfer_accept, transfer_offer
from tests.factories import UserFactory
from tests.support.bookings import Shop, mark_paid

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def paid(shop: Shop, user: Any, quantity: int = 1) -> Booking:
    booking = shop.book(user, quantity)
    mark_paid(booking=booking)
    return booking


def get_link(token: str, suffix: str = "") -> Any:
    return APIClient().get(f"/api/tickets/links/{token}/{suffix}")


def not_found(response: Any) -> None:
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error": {"code": "not_found", "message": "This link is not valid or has expired."},
    }


def qr_of(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


@pytest.fixture
def phone_guest(db: Any) -> Any:
    """A guest known only by a phone, never signed in (a comp's, for example)."""
    return UserFactory(email=None)


def test_the_link_opens_the_bookings_tickets_without_signing_in(
    shop: Shop, phone_guest: Any, settings: Any
) -> None:
    settings.FRONTEND_URL = "https://tickets.example"
    booking = paid(shop, phone_guest, 2)
    url = ticket_link_url(booking=booking, holder=phone_guest)
    assert url.startswith("https://tickets.example/t/")
    token = url.removeprefix("https://tickets.example/t/")

    answer = get_link(token)

    assert answer.status_code == 200, answer.json()
    assert answer["Cache-Control"] == "private, no-cache"
    body = answer.json()
    venue = shop.event.venue
    assert body["event"] == {
        "slug": shop.event.slug,
        "name": shop.event.name,
        "starts_at": shop.event.starts_at.isoformat().replace("+00:00", "Z"),
        "ends_at": shop.event.ends_at.isoformat().replace("+00:00", "Z"),
        "venue": venue.name,
        "city": venue.city,
        "address": venue.address,
        "time_zone": venue.time_zone,
    }
    assert (body["booking"], body["reference"], body["status"], body["language"]) == (
        str(booking.pk),
        booking.reference,
        "confirmed",
        booking.language,
    )
    tickets = list(Ticket.objects.filter(booking=booking))
    assert [(t["id"], t["qr_payload"]) for t in body["tickets"]] == [
        (t.pk, qr_of(t)) for t in tickets
    ]
    first = body["tickets"][0]
    assert first["qr_svg"] == f"/api/tickets/links/{token}/{tickets[0].pk}/qr.svg"
    svg = APIClient().get(first["qr_svg"])
    assert (svg.status_code, svg["Content-Type"]) == (200, "image/svg+xml")
    png = APIClient().get(first["qr_png"])
    assert (png.status_code, png["Content-Type"]) == (200, "image/png")


def test_the_sms_carries_the_signed_link_of_the_bookings_user(
    shop: Shop, phone_guest: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.FRONTEND_URL = "https://tickets.example"
    settings.SMS_PROVIDER = "console"
    phone_guest.verified_phone = phone_guest.phone
    phone_guest.save(update_fields=["verified_phone"])
    booking = paid(shop, phone_guest)
    shop.event.name = "Winter Fest"
    shop.event.save(update_fields=["name"])

    with time_machine.travel(NOW, tick=False), caplog.at_level("INFO", logger="gatehouse.sms"):
        assert booking_sms_send(booking_id=str(booking.pk), kind="tickets")
        token = ticket_link_token(booking=booking, holder=phone_guest)
        Booking.objects.filter(pk=booking.pk).update(language="ar")
        assert booking_sms_send(booking_id=str(booking.pk), kind="tickets")

    assert [r.getMessage() for r in caplog.records if r.name == "gatehouse.sms"] == [
        f"SMS {phone_guest.phone} Your tickets for Winter Fest: https://tickets.example/t/{token}",
        # The English name is an isolated run (FSI ... PDI) in the Arabic text; the link ends
        # the message as it is (a phone's link detection must not take in a control).
        f"SMS {phone_guest.phone} تذاكرك لـ \u2068Winter Fest\u2069: https://tickets.example/t/{token}",
    ]
    with time_machine.travel(NOW, tick=False):
        assert get_link(token).status_code == 200


@pytest.mark.parametrize("part", [0, 1, 2], ids=["payload", "timestamp", "signature"])
def test_an_altered_token_is_not_found(shop: Shop, phone_guest: Any, part: int) -> None:
    token = ticket_link_token(booking=paid(shop, phone_guest), holder=phone_guest)
    pieces = token.split(":")
    pieces[part] = pieces[part][:-2] + ("AA" if pieces[part][-2:] != "AA" else "BB")

    not_found(get_link(":".join(pieces)))
    not_found(get_link("not-a-token"))


def test_a_token_naming_another_holder_or_signed_with_another_salt_is_not_found(
    shop: Shop, phone_guest: Any
) -> None:
    booking = paid(shop, phone_guest)
    other = UserFactory()
    payload = [booking.pk.hex, other.pk]
    token = ticket_link_token(booking=booking, holder=phone_guest)
    forged = signing.dumps(payload, salt=SALT).split(":")[0] + ":" + token.split(":", 1)[1]

    not_found(get_link(forged))  # someone else's id under this link's signature
    not_found(get_link(signing.dumps([booking.pk.hex, phone_guest.pk])))  # Django's salt
    not_found(get_link(signing.dumps([booking.pk.hex, phone_guest.pk], salt="other")))


def test_the_link_expires_after_its_max_age_to_the_second(
    shop: Shop, phone_guest: Any, settings: Any
) -> None:
    settings.TICKET_LINK_MAX_AGE_DAYS = 30
    booking = paid(shop, phone_guest)
    with time_machine.travel(NOW, tick=False):
        token = ticket_link_token(booking=booking, holder=phone_guest)

    with time_machine.travel(NOW + timedelta(days=30), tick=False):
        assert get_link(token).status_code == 200
    with time_machine.travel(NOW + timedelta(days=30, seconds=1), tick=False):
        not_found(get_link(token))

    settings.TICKET_LINK_MAX_AGE_DAYS = 31
    with time_machine.travel(NOW + timedelta(days=30, seconds=1), tick=False):
        assert get_link(token).status_code == 200


def test_a_link_opens_its_own_booking_only(shop: Shop, phone_guest: Any) -> None:
    mine, other = paid(shop, phone_guest), paid(shop, phone_guest)
    token = ticket_link_token(booking=mine, holder=phone_guest)
    theirs = Ticket.objects.get(booking=other)

    answer = get_link(token)

    assert [t["booking"] for t in answer.json()["tickets"]] == [str(mine.pk)]
    assert get_link(token, f"{theirs.pk}/qr.svg").status_code == 404
    assert get_link(token, f"{theirs.pk}/qr.png").status_code == 404


def test_a_link_for_someone_who_holds_none_of_the_booking_lists_nothing(
    shop: Shop, phone_guest: Any
) -> None:
    booking = paid(shop, phone_guest)
    stranger = UserFactory()

    answer = get_link(ticket_link_token(booking=booking, holder=stranger))

    assert (answer.status_code, answer.json()["tickets"]) == (200, [])


def test_a_transferred_ticket_leaves_the_senders_link_and_joins_the_receivers(
    shop: Shop, phone_guest: Any
) -> None:
    booking = paid(shop, phone_guest, 2)
    kept, given = Ticket.objects.filter(booking=booking)
    receiver = UserFactory()
    offer = transfer_offer(ticket=given, user=phone_guest, phone=receiver.phone)
    transfer_accept(transfer=offer, user=receiver)
    senders = ticket_link_token(booking=booking, holder=phone_guest)
    receivers = ticket_link_token(booking=booking, holder=receiver)

    assert [t["id"] for t in get_link(senders).json()["tickets"]] == [kept.pk]
    assert get_link(senders, f"{given.pk}/qr.svg").status_code == 404
    received = get_link(receivers).json()["tickets"]
    assert [(t["id"], t["version"]) for t in received] == [(given.pk, 2)]
    given.refresh_from_db()
    assert received[0]["qr_payload"] == qr_of(given)


def test_a_deactivated_holder_or_an_unknown_booking_closes_the_link(
    shop: Shop, phone_guest: Any
) -> None:
    booking = paid(shop, phone_guest)
    token = ticket_link_token(booking=booking, holder=phone_guest)
    phone_guest.is_active = False
    phone_guest.save(update_fields=["is_active"])

    not_found(get_link(token))
    not_found(get_link(signing.dumps([uuid.uuid4().hex, UserFactory().pk], salt=SALT)))


def test_signed_in_callers_get_the_same_answer(shop: Shop, phone_guest: Any, guest_api) -> None:
    """The link is the credential: another guest's bearer token neither helps nor hurts."""
    booking = paid(shop, phone_guest)
    token = ticket_link_token(booking=booking, holder=phone_guest)

    answer = guest_api.get(f"/api/tickets/links/{token}/")

    assert answer.status_code == 200
    assert len(answer.json()["tickets"]) == 1
