"""A booking in the guest's calendar: the .ics file read back with icalendar, who may fetch
it, and the Google Calendar link (``backend.bookings.calendar``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from icalendar import Calendar
from rest_framework.test import APIClient

from backend.bookings.calendar import calendar_path, google_calendar_url
from backend.bookings.models import Booking
from backend.notifications.services.booking_messages import booking_email_send
from tests.factories import UserFactory
from tests.support.bookings import client_of
from tests.support.spans import local, meeting, stay

pytestmark = pytest.mark.django_db


@pytest.fixture
def user() -> Any:
    return UserFactory(email="guest@example.com")


def token_of(path: str) -> str:
    return parse_qs(urlsplit(path).query)["token"][0]


def entry_of(body: bytes) -> Any:
    calendar = Calendar.from_ical(body)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_the_owner_downloads_the_whole_stay_in_the_venues_zone(user: Any) -> None:
    booking = stay(user)
    booking.event.venue.name, booking.event.venue.address = "Beachside", "Calangute"
    booking.event.venue.save()

    answer = client_of(user).get(f"/api/bookings/{booking.pk}/calendar.ics")

    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    assert answer["Content-Disposition"] == f'attachment; filename="{booking.reference}.ics"'
    calendar, event = entry_of(answer.content)
    assert event.decoded("dtstart") == local("2026-12-20", 15, 0, "Asia/Kolkata")
    assert event.decoded("dtend") == local("2026-12-23", 11, 0, "Asia/Kolkata")
    assert event["dtstart"].params["TZID"] == "Asia/Kolkata"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]
    assert str(event["uid"]) == f"booking-{booking.pk}@gatehouse"
    assert str(event["summary"]) == f"{booking.event.name} ({booking.reference})"
    assert str(event["location"]) == "Beachside, Calangute, Somewhere"
    assert booking.reference in str(event["description"])
    assert str(event["url"]).endswith(f"/bookings/{booking.pk}")
    assert str(event["status"]) == "CONFIRMED"


def test_the_uid_is_the_same_every_time(user: Any) -> None:
    booking = meeting(user)
    client = client_of(user)

    first = entry_of(client.get(f"/api/bookings/{booking.pk}/calendar.ics").content)[1]
    second = entry_of(client.get(f"/api/bookings/{booking.pk}/calendar.ics").content)[1]

    assert first["uid"] == second["uid"]
    assert first.decoded("dtstart") == local("2026-12-21", 9, 0, "Asia/Riyadh")
    assert first.decoded("dtend") == local("2026-12-21", 10, 0, "Asia/Riyadh")


def test_an_arabic_booking_reads_in_arabic(user: Any) -> None:
    booking = meeting(user)
    Booking.objects.filter(pk=booking.pk).update(language="ar")

    answer = client_of(user).get(f"/api/bookings/{booking.pk}/calendar.ics")

    description = str(entry_of(answer.content)[1]["description"])
    assert description.startswith(f"رقم الحجز: {booking.reference}")


def test_the_signed_link_works_without_signing_in(user: Any) -> None:
    booking = meeting(user)
    link = client_of(user).get(f"/api/bookings/{booking.pk}/").json()["calendar_url"]

    answer = APIClient().get(link)

    assert link == calendar_path(booking)
    assert link.startswith(f"/api/bookings/{booking.pk}/calendar.ics?token=")
    assert answer.status_code == 200
    assert entry_of(answer.content)[1]["uid"] == f"booking-{booking.pk}@gatehouse"


def test_strangers_and_altered_tokens_get_not_found(user: Any) -> None:
    booking = meeting(user)
    other = meeting(UserFactory())
    url = f"/api/bookings/{booking.pk}/calendar.ics"
    foreign_token = token_of(calendar_path(other))
    token = token_of(calendar_path(booking))
    altered = token[:-1] + ("B" if token.endswith("A") else "A")

    answers = [
        APIClient().get(url),
        client_of(UserFactory()).get(url),
        APIClient().get(url, {"token": foreign_token}),
        APIClient().get(url, {"token": altered}),
        APIClient().get("/api/bookings/00000000-0000-0000-0000-000000000000/calendar.ics"),
    ]

    for answer in answers:
        assert answer.status_code == 404
        assert answer.json()["ok"] is False
        assert answer.json()["error"]["code"] == "not_found"


def test_a_cancelled_booking_says_so(user: Any) -> None:
    booking = meeting(user)
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)

    answer = APIClient().get(calendar_path(booking))

    assert str(entry_of(answer.content)[1]["status"]) == "CANCELLED"


def test_the_google_link_has_the_booking_in_utc(user: Any) -> None:
    booking = meeting(user, zone="Asia/Kolkata")

    url = google_calendar_url(booking)

    assert url is not None
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://calendar.google.com/calendar/render"
    )
    assert query["action"] == ["TEMPLATE"]
    # 09:00-10:00 in Kolkata is 03:30-04:30 UTC.
    assert query["dates"] == ["20261221T033000Z/20261221T043000Z"]
    assert query["text"] == [f"{booking.event.name} ({booking.reference})"]
    assert query["ctz"] == ["Asia/Kolkata"]
    assert booking.reference in query["details"][0]
    assert query["location"][0].endswith(", Somewhere")


class TestConfirmationEmail:
    def test_it_links_the_ics_and_google_calendar(self, user: Any, settings: Any) -> None:
        settings.FRONTEND_URL = "https://gatehouse.example"
        booking = meeting(user)

        assert booking_email_send(booking_id=str(booking.pk), kind="confirmed") is True

        [message] = mail.outbox
        ics = f"https://gatehouse.example{calendar_path(booking)}"
        assert f"Add it to your calendar: {ics}" in message.body
        [(html, _)] = message.alternatives
        assert f'<a href="{ics.replace("&", "&amp;")}">calendar file (.ics)</a>' in html
        google = google_calendar_url(booking)
        assert google is not None
        assert f"Google Calendar: {google}" in message.body
        # The link in the e-mail opens the file without signing in.
        assert APIClient().get(calendar_path(booking)).status_code == 200

    def test_an_arabic_email_says_it_in_arabic(self, user: Any) -> None:
        booking = meeting(user)
        Booking.objects.filter(pk=booking.pk).update(language="ar")

        booking_email_send(booking_id=str(booking.pk), kind="confirmed")

        [message] = mail.outbox
        assert "أضفه إلى تقويمك: " in message.body
        assert calendar_path(booking) in message.body
