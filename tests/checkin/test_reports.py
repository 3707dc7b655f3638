"""The staff's figures per business and the bookings export, against hand-computed data:
refunds (full and partial), the venue's time zone, permissions and query counts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.bookings.models import Booking, BookingItem, BookingLine
from backend.core.models import AuditEntry
from backend.inventory.models import Event, Resource, Slot
from backend.tickets.models import Ticket
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Booking.Status
# 2026-12-02 in Riyadh (UTC+3) starts at 2026-12-01 21:00 UTC.
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def client_of(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(**bearer(sign_in(user)))
    return client


def book(
    event: Event,
    lines: list[tuple[Slot, int, str]],
    *,
    status: str,
    at: datetime,
    refunded: str = "0",
    name: str = "Guest",
    provider: str = "stripe",
    **fields: Any,
) -> Booking:
    amount = sum(Decimal(price) * n for _, n, price in lines)
    booking = Booking.objects.create(
        event=event,
        user=UserFactory(),
        status=status,
        amount=amount,
        currency=event.currency,
        provider=provider,
        refunded_amount=Decimal(refunded),
        contact_name=name,
        created_at=at,
        **fields,
    )
    for slot, n, price in lines:
        BookingItem.objects.create(booking=booking, slot=slot, quantity=n, unit_price=price)
    return booking


@pytest.fixture
def festival(db: Any) -> dict[str, Any]:
    """General (10 places, 3 sold, 1 held) and the Gold section (2 seats: 1 sold, 1 held);
    two sold bookings (one refunded 35.00 of 350.00), one refunded, one waiting, one
    cancelled. Riyadh time."""
    event = EventFactory(slug="fest", currency="SAR")
    general = SlotFactory(resource=ResourceFactory(event=event, name="General", units=10))
    general.sold, general.held = 3, 1
    general.save()
    seats = []
    for number in (1, 2):
        seat = ResourceFactory(
            event=event, kind=Resource.Kind.SEAT, name="", section="Gold", row="A",
            number=number, units=1, sort_order=5,
        )  # fmt: skip
        seats.append(SlotFactory(resource=seat))
    seats[0].sold, seats[1].held = 1, 1
    seats[0].save(), seats[1].save()
    b1 = book(event, [(general, 2, "100")], status=S.CONFIRMED,
              at=datetime(2026, 12, 1, 22, 30, tzinfo=UTC), name="=HYPERLINK(\"x\")")  # fmt: skip
    b2 = book(event, [(general, 1, "100"), (seats[0], 1, "250")], status=S.CONFIRMED,
              at=datetime(2026, 12, 2, 10, 0, tzinfo=UTC), refunded="35", name="سارة")  # fmt: skip
    b3 = book(event, [(general, 1, "100")], status=S.REFUNDED,
              at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC), refunded="100")  # fmt: skip
    book(event, [(seats[1], 1, "250")], status=S.PENDING_PAYMENT,
         at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC))  # fmt: skip
    book(event, [(general, 1, "100")], status=S.CANCELLED,
         at=datetime(2026, 12, 3, 11, 0, tzinfo=UTC))  # fmt: skip
    for n in range(2):
        Ticket.objects.create(
            booking=b1, event=event, slot=general, label="General",
            admitted_at=NOW if n == 0 else None,
        )  # fmt: skip
    Ticket.objects.create(booking=b2, event=event, slot=general, label="General")
    return {"event": event, "b1": b1, "b2": b2, "b3": b3}


@pytest.fixture
def staff(festival: dict[str, Any]) -> APIClient:
    return client_of(StaffFactory(grant__event=festival["event"]))


class TestEventSales:
    def test_revenue_net_of_refunds_per_ticket_type_and_day(
        self, festival: Any, staff: APIClient
    ) -> None:
        body = staff.get("/api/staff/dashboard/", {"event": "fest"}).json()

        assert body["kind"] == "festival"
        assert body["currency"] == "SAR"
        assert body["sales"] == {
            "bookings": 2, "gross": "650.00", "refunded": "135.00", "net": "515.00",
            "tickets": 4, "capacity": 12, "left": 6,
        }  # fmt: skip
        general, gold = body["ticket_types"]
        assert (general["name"], general["sold"], general["gross"], general["net"]) == (
            "General",
            3,
            "400.00",
            "290.00",  # 200 + 100 x 315/350 + 0 (refunded)
        )
        assert (general["capacity"], general["left"]) == (10, 6)
        assert (gold["name"], gold["kind"], gold["sold"], gold["net"], gold["left"]) == (
            "Gold",
            "seat",
            1,
            "225.00",
            0,
        )
        # Booked 22:30 UTC on the 1st is the 2nd in Riyadh.
        assert body["timeline"] == [
            {"at": "2026-12-02", "sold": 4, "net": "515.00"},
            {"at": "2026-12-03", "sold": 0, "net": "0.00"},
        ]

    def test_sales_per_hour_of_the_venue(self, festival: Any, staff: APIClient) -> None:
        query = {"event": "fest", "granularity": "hour", "date_from": "2026-12-02",
                 "date_to": "2026-12-02"}  # fmt: skip
        body = staff.get("/api/staff/dashboard/", query).json()

        assert body["timeline"] == [
            {"at": "2026-12-02T01:00", "sold": 2, "net": "200.00"},
            {"at": "2026-12-02T13:00", "sold": 2, "net": "315.00"},
        ]
        # The totals and the types are the event's, whatever the days of the timeline.
        assert (body["sales"]["gross"], body["sales"]["net"]) == ("650.00", "515.00")
        assert body["ticket_types"][0]["sold"] == 3

    def test_hours_need_a_short_range(self, festival: Any, staff: APIClient) -> None:
        answer = staff.get("/api/staff/dashboard/", {"event": "fest", "granularity": "hour"})
        backwards = staff.get(
            "/api/staff/dashboard/",
            {"event": "fest", "date_from": "2026-12-05", "date_to": "2026-12-01"},
        )

        assert answer.status_code == 400
        assert "date_from" in answer.json()["error"]["fields"]
        assert backwards.status_code == 400

    def test_hours_are_answered_for_seven_days_and_refused_for_eight(
        self, festival: Any, staff: APIClient
    ) -> None:
        # The limit is 7 x 24 h between the venue's midnights that bound the asked days, and
        # the days are whole: 1 to 7 December is exactly the limit, to the 8th one day more.
        general = festival["b1"].items.get().slot
        last_hour = datetime(2026, 12, 7, 20, 30, tzinfo=UTC)  # 23:30 on the 7th in Riyadh
        book(festival["event"], [(general, 1, "100")], status=S.CONFIRMED, at=last_hour)
        edge = {"event": "fest", "granularity": "hour", "date_from": "2026-12-01",
                "date_to": "2026-12-07"}  # fmt: skip
        answer = staff.get("/api/staff/dashboard/", edge)
        past = staff.get("/api/staff/dashboard/", {**edge, "date_to": "2026-12-08"})

        assert answer.status_code == 200, answer.json()
        assert answer.json()["timeline"] == [
            {"at": "2026-12-02T01:00", "sold": 2, "net": "200.00"},
            {"at": "2026-12-02T13:00", "sold": 2, "net": "315.00"},
            {"at": "2026-12-03T12:00", "sold": 0, "net": "0.00"},
            {"at": "2026-12-07T23:00", "sold": 1, "net": "100.00"},  # the 7th's last hour
        ]
        assert past.status_code == 400
        assert past.json()["error"]["fields"] == {"granularity": ["At most 7 days."]}

    def test_a_week_that_gains_an_hour_at_the_clock_change_is_still_seven_days(
        self, festival: Any, staff: APIClient
    ) -> None:
        # Berlin turns its clocks back on 25 October 2026: the local days 19 to 25 October last
        # 169 hours, but they are 7 days of the venue's and are answered; 19 to 26 are not.
        venue = festival["event"].venue
        venue.time_zone = "Europe/Berlin"
        venue.save(update_fields=["time_zone"])
        week = {"event": "fest", "granularity": "hour", "date_from": "2026-10-19",
                "date_to": "2026-10-25"}  # fmt: skip

        answer = staff.get("/api/staff/dashboard/", week)
        past = staff.get("/api/staff/dashboard/", {**week, "date_to": "2026-10-26"})

        assert answer.status_code == 200, answer.json()
        assert answer.json()["timeline"] == []
        assert past.status_code == 400
        assert past.json()["error"]["fields"] == {"granularity": ["At most 7 days."]}

    def test_query_count_is_pinned(
        self, festival: Any, staff: APIClient, django_assert_num_queries: Any
    ) -> None:
        # The session, the user, the staff door, the event with its venue and its grant,
        # then four figures: totals, sales per type, places per type, the timeline.
        with django_assert_num_queries(9):
            assert staff.get("/api/staff/dashboard/", {"event": "fest"}).status_code == 200


class TestPermissions:
    def test_guest_other_staff_and_unknown_event(self, festival: Any) -> None:
        other = EventFactory(slug="other")
        guest = client_of(UserFactory())
        stranger = client_of(StaffFactory(grant__event=other))

        assert guest.get("/api/staff/dashboard/", {"event": "fest"}).status_code == 403
        assert stranger.get("/api/staff/dashboard/", {"event": "fest"}).status_code == 403
        assert stranger.get("/api/staff/dashboard/", {"event": "nope"}).status_code == 404
        assert APIClient().get("/api/staff/dashboard/", {"event": "fest"}).status_code == 401
        export = "/api/staff/bookings/export.csv"
        assert guest.get(export, {"event": "fest"}).status_code == 403
        assert stranger.get(export, {"event": "fest"}).status_code == 403
        assert stranger.get(export, {"event": "fest"})["Content-Type"].startswith(
            "application/json"
        )
        assert not AuditEntry.objects.filter(action="bookings.export").exists()

    def test_a_bad_query_is_a_400(self, festival: Any, staff: APIClient) -> None:
        assert staff.get("/api/staff/dashboard/").status_code == 400
        assert staff.get("/api/staff/dashboard/", {"event": "fest", "day": "x"}).status_code == 400
        export = staff.get("/api/staff/bookings/export.csv", {"event": "fest", "status": "zzz"})
        assert export.status_code == 400


def read_csv(response: Any) -> tuple[bytes, list[list[str]]]:
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


class TestExport:
    def test_rows_bom_escaping_and_audit(self, festival: Any, staff: APIClient) -> None:
        response = staff.get("/api/staff/bookings/export.csv", {"event": "fest"})
        raw, rows = read_csv(response)

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="bookings-fest-' in response["Content-Disposition"]
        assert raw.startswith(b"\xef\xbb\xbf")
        assert rows[0][:5] == ["Reference", "Guest", "Phone", "E-mail", "Items"]
        assert len(rows) == 6  # the headers and five bookings, oldest first
        first = dict(zip(rows[0], rows[1], strict=True))
        assert first["Reference"] == festival["b1"].reference
        assert first["Guest"] == '\'=HYPERLINK("x")'  # defused
        assert first["Items"] == "2 x General"
        assert (first["Amount"], first["Currency"], first["Payment method"]) == (
            "200.00",
            "SAR",
            "stripe",
        )
        assert first["Booked on"] == "2026-12-02 01:30"  # Riyadh
        assert (first["Check-in"], first["Admitted"]) == ("Partly checked in", "1/2")
        second = dict(zip(rows[0], rows[2], strict=True))
        assert second["Guest"] == "سارة"
        assert second["Items"] == "1 x General; 1 x Gold row A seat 1"
        assert (second["Refunded"], second["Check-in"]) == ("35.00", "Not checked in")
        entry = AuditEntry.objects.get(action="bookings.export")
        assert entry.event_id == festival["event"].pk
        assert entry.actor is not None

    def test_filters_and_arabic_headers(self, festival: Any, staff: APIClient) -> None:
        query = {"event": "fest", "status": "confirmed", "date_from": "2026-12-02",
                 "date_to": "2026-12-02", "lang": "ar"}  # fmt: skip
        _, rows = read_csv(staff.get("/api/staff/bookings/export.csv", query))
        _, later = read_csv(
            staff.get(
                "/api/staff/bookings/export.csv", {"event": "fest", "date_from": "2026-12-03"}
            )
        )

        assert rows[0][0] == "المرجع"
        assert [row[0] for row in rows[1:]] == [festival["b1"].reference, festival["b2"].reference]
        assert rows[1][13] == "تم تسجيل دخول البعض"
        assert len(later) == 4  # the three booked on the 3rd

    def test_query_count_does_not_grow_with_bookings(
        self, festival: Any, staff: APIClient, django_assert_num_queries: Any
    ) -> None:
        for n in range(20):
            book(festival["event"], [], status=S.CONFIRMED, at=NOW, name=f"Extra {n}")
        # The session, the user, the door, the event, its grant (twice: the view, the audit),
        # the audit row, the bookings (one cursor) and their items: 25 bookings as 5 would.
        with django_assert_num_queries(9):
            response = staff.get("/api/staff/bookings/export.csv", {"event": "fest"})
            b"".join(response.streaming_content)


@pytest.fixture
def resort(db: Any) -> Event:
    """Two rooms over three nights (from 14:00 to 11:00 next day, Kolkata, UTC+5:30); one
    guest stays the 2nd and 3rd, another the 3rd only."""
    event = EventFactory(slug="resort", kind=Event.Kind.STAYS, currency="INR",
                         venue__time_zone="Asia/Kolkata")  # fmt: skip
    rooms = [
        ResourceFactory(event=event, kind=Resource.Kind.ROOM, name=name, units=1)
        for name in ("Villa", "Hut")
    ]
    nights: dict[tuple[str, int], Slot] = {}
    for room in rooms:
        for day in (2, 3, 4):
            start = datetime(2026, 12, day, 8, 30, tzinfo=UTC)  # 14:00 in Kolkata
            nights[(room.name, day)] = SlotFactory(
                resource=room, starts_at=start, ends_at=start + timedelta(hours=21), capacity=1
            )
    for key in (("Villa", 2), ("Villa", 3), ("Hut", 3)):
        nights[key].sold = 1
        nights[key].save()
    book(event, [(nights[("Villa", 2)], 1, "5000"), (nights[("Villa", 3)], 1, "5000")],
         status=S.CONFIRMED, at=NOW, name="Asha")  # fmt: skip
    book(event, [(nights[("Hut", 3)], 1, "3000")], status=S.CONFIRMED, at=NOW, name="Ravi")
    return event


class TestStays:
    def test_occupancy_arrivals_and_departures(
        self, resort: Event, django_assert_num_queries: Any
    ) -> None:
        staff = client_of(StaffFactory(grant__event=resort))
        query = {"event": "resort", "date_from": "2026-12-01", "date_to": "2026-12-04",
                 "day": "2026-12-03"}  # fmt: skip
        # Five to sign in and find the event; the nights, arrivals and their rooms,
        # departures (none: no rooms to read), the totals.
        with django_assert_num_queries(10):
            body = staff.get("/api/staff/dashboard/", query).json()

        assert [(n["date"], n["rooms"], n["sold"], n["occupancy"]) for n in body["occupancy"]] == [
            ("2026-12-01", 0, 0, 0.0),
            ("2026-12-02", 2, 1, 0.5),
            ("2026-12-03", 2, 2, 1.0),
            ("2026-12-04", 2, 0, 0.0),
        ]
        assert body["average_occupancy"] == 0.5
        assert [(g["name"], g["rooms"]) for g in body["arrivals"]] == [("Ravi", ["Hut"])]
        assert [g["name"] for g in body["departures"]] == []  # both leave on the 4th
        leaving = staff.get("/api/staff/dashboard/", {**query, "day": "2026-12-04"}).json()
        assert sorted(g["name"] for g in leaving["departures"]) == ["Asha", "Ravi"]
        assert body["sales"]["net"] == "13000.00"

    def test_at_most_92_days(self, resort: Event) -> None:
        staff = client_of(StaffFactory(grant__event=resort))
        query = {"event": "resort", "date_from": "2026-01-01", "date_to": "2026-12-31"}
        assert staff.get("/api/staff/dashboard/", query).status_code == 400
        # At the edge: 1 January to 2 April is 92 days, one more is refused.
        edge = {"event": "resort", "date_from": "2026-01-01", "date_to": "2026-04-02"}
        assert staff.get("/api/staff/dashboard/", edge).status_code == 200
        past = {**edge, "date_to": "2026-04-03"}
        assert staff.get("/api/staff/dashboard/", past).status_code == 400


class TestRooms:
    def test_utilisation_per_room_per_day(self) -> None:
        event = EventFactory(slug="rooms", kind=Event.Kind.ROOMS, venue__time_zone="UTC")
        board = ResourceFactory(event=event, kind=Resource.Kind.SPACE, name="Board", units=1)
        start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
        slots = [
            SlotFactory(
                resource=board,
                capacity=1,
                starts_at=start + timedelta(minutes=30 * n),
                ends_at=start + timedelta(minutes=30 * (n + 1)),
            )
            for n in range(4)
        ]
        for slot in slots[:1]:
            slot.sold = 1
            slot.save()
        staff = client_of(StaffFactory(grant__event=event))
        query = {"event": "rooms", "date_from": "2026-12-02", "date_to": "2026-12-03"}

        body = staff.get("/api/staff/dashboard/", query).json()

        (room,) = body["rooms"]
        assert room["days"] == [
            {"date": "2026-12-02", "open": 4, "booked": 1, "utilisation": 0.25},
            {"date": "2026-12-03", "open": 0, "booked": 0, "utilisation": 0.0},
        ]
        assert (room["utilisation"], body["utilisation"]) == (0.25, 0.25)


class TestJobBoard:
    def test_today_by_status_and_upcoming_with_vehicle_and_services(self) -> None:
        event = EventFactory(slug="garage", kind=Event.Kind.SERVICE, currency="INR",
                             venue__time_zone="Asia/Kolkata")  # fmt: skip
        bays = ResourceFactory(event=event, kind=Resource.Kind.SERVICE, name="Bays", units=2)
        today = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)  # 10:30 in Kolkata
        slot_today = SlotFactory(resource=bays, starts_at=today, ends_at=today + timedelta(hours=1))
        later = today + timedelta(days=2)
        slot_later = SlotFactory(resource=bays, starts_at=later, ends_at=later + timedelta(hours=1))
        vehicle = {
            "vehicle": {"type": "Car", "brand": "Honda", "model": "City"},
            "location": "shop",
        }
        job = book(event, [(slot_today, 1, "0")], status=S.IN_PROGRESS, at=NOW, name="Ravi",
                   details=vehicle)  # fmt: skip
        BookingLine.objects.create(booking=job, kind="service", name="Oil change", amount=500)
        book(event, [(slot_later, 1, "0")], status=S.CONFIRMED, at=NOW, name="Meera")
        staff = client_of(StaffFactory(grant__event=event))

        body = staff.get("/api/staff/dashboard/", {"event": "garage", "day": "2026-12-02"}).json()

        (card,) = body["columns"]["in_progress"]
        assert (card["name"], card["vehicle"], card["services"]) == (
            "Ravi",
            "Honda City",
            ["Oil change"],
        )
        assert body["columns"]["confirmed"] == []
        assert [j["name"] for j in body["upcoming"]] == ["Meera"]

    def test_today_is_the_shops_day(self) -> None:
        from backend.checkin.reports.selectors import job_board

        event = EventFactory(kind=Event.Kind.SERVICE, venue__time_zone="Asia/Kolkata")
        late_evening_utc = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # 01:30 on the 2nd there

        assert job_board(event=event, now=late_evening_utc)["day"] == "2026-12-02"
