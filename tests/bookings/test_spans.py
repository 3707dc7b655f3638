"""A booking's span: first start to last end, a stay's nights, in the venue's time zone
(``backend.bookings.spans``), and what the bookings and tickets APIs answer with it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.bookings.spans import booking_span, span_text
from backend.tickets.selectors import ticket_span
from tests.factories import UserFactory
from tests.support.bookings import client_of
from tests.support.spans import festival, local, meeting, pass_of, repair, stay

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"


@pytest.fixture
def user() -> Any:
    return UserFactory(email="guest@example.com")


def test_a_meeting_of_two_slots_spans_both(user: Any) -> None:
    span = booking_span(meeting(user))
    assert span is not None
    assert (span.starts_at, span.ends_at) == (
        local("2026-12-21", 9, 0, "Asia/Riyadh"),
        local("2026-12-21", 10, 0, "Asia/Riyadh"),
    )
    assert span.nights == 0
    assert span_text(span) == f"Mon 21 Dec 2026, 09:00{DASH}10:00 (Asia/Riyadh)"


def test_a_three_night_stay_runs_from_check_in_to_check_out(user: Any) -> None:
    span = booking_span(stay(user))
    assert span is not None
    assert span.nights == 3
    assert span.local_start == local("2026-12-20", 15, 0, "Asia/Kolkata")
    assert span.local_end == local("2026-12-23", 11, 0, "Asia/Kolkata")
    assert span_text(span) == (
        f"Sun 20 Dec 2026, 15:00{DASH}Wed 23 Dec 2026, 11:00 (Asia/Kolkata), 3 nights"
    )


def test_a_repair_appointment_of_three_hours(user: Any) -> None:
    span = booking_span(repair(user))
    assert span is not None
    assert span.nights == 0
    assert span_text(span) == f"Tue 08 Dec 2026, 10:00{DASH}13:00 (Asia/Kolkata)"


def test_a_festival_ticket_of_one_slot(user: Any) -> None:
    booking = festival(user)
    span = booking_span(booking)
    assert span is not None
    assert span_text(span) == f"Mon 21 Dec 2026, 16:00{DASH}23:59 (Asia/Riyadh)"
    assert ticket_span(pass_of(booking)) == span


def test_times_are_the_venues_kolkata_not_utc(user: Any) -> None:
    kolkata = booking_span(meeting(user, zone="Asia/Kolkata"))
    utc = booking_span(meeting(user, zone="UTC"))
    assert kolkata is not None
    assert utc is not None
    # 09:00 in Kolkata is 03:30 UTC; each reads 09:00 by its own venue's clock.
    assert kolkata.starts_at == datetime(2026, 12, 21, 3, 30, tzinfo=UTC)
    assert utc.starts_at == datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
    assert span_text(kolkata) == f"Mon 21 Dec 2026, 09:00{DASH}10:00 (Asia/Kolkata)"
    assert span_text(utc) == f"Mon 21 Dec 2026, 09:00{DASH}10:00 (UTC)"


def test_a_stay_crossing_midnight_utc_counts_its_nights_by_the_venues_dates(user: Any) -> None:
    # Check-in 15:00 in Auckland is 02:00 UTC: nights are counted by the venue's dates.
    span = booking_span(stay(user, zone="Pacific/Auckland"))
    assert span is not None
    assert span.nights == 3


def test_the_pass_of_a_multi_slot_booking_shows_the_whole_booking(user: Any) -> None:
    booking = meeting(user)
    span = ticket_span(pass_of(booking))
    assert span == booking_span(booking)


def test_the_apis_answer_with_the_whole_booking(user: Any) -> None:
    booking = stay(user)
    api = client_of(user)

    [ticket] = api.get("/api/tickets/").json()["results"]
    assert ticket["starts_at"] == "2026-12-20T09:30:00Z"  # 15:00 in Kolkata
    assert ticket["ends_at"] == "2026-12-23T05:30:00Z"  # 11:00 three days later
    assert ticket["nights"] == 3

    answer = api.get(f"/api/bookings/{booking.pk}/").json()
    assert (answer["starts_at"], answer["ends_at"], answer["nights"]) == (
        "2026-12-20T09:30:00Z",
        "2026-12-23T05:30:00Z",
        3,
    )


def test_the_ticket_api_gives_a_meetings_pass_both_slots(user: Any) -> None:
    meeting(user)
    [ticket] = client_of(user).get("/api/tickets/").json()["results"]
    assert (ticket["starts_at"], ticket["ends_at"], ticket["nights"]) == (
        "2026-12-21T06:00:00Z",
        "2026-12-21T07:00:00Z",
        0,
    )
