"""Confirmed bookings of several slots (a meeting, a stay, a repair appointment) and of one
(a festival ticket), made directly with their tickets issued, for the tests of what a
booking's span reads like in every document."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from backend.bookings.models import Booking, BookingItem
from backend.inventory.models import Event, Resource, Slot
from backend.tickets.models import Ticket
from backend.tickets.services.tickets import tickets_issue
from tests.factories import EventFactory, ResourceFactory, VenueFactory


def local(day: str, hour: int, minute: int, zone: str) -> datetime:
    """An aware instant at a wall-clock time in ``zone`` (``day`` as ``2026-12-21``)."""
    year, month, date = (int(part) for part in day.split("-"))
    return datetime(year, month, date, hour, minute, tzinfo=ZoneInfo(zone))


def confirmed_booking(
    user: Any,
    *,
    kind: str,
    resource_kind: str,
    times: list[tuple[datetime, datetime]],
    zone: str,
    name: str,
    email: str = "guest@example.com",
    language: str = "en",
) -> Booking:
    """A confirmed booking of one resource's slots at ``times``, its tickets issued."""
    venue = VenueFactory(time_zone=zone, city="Somewhere")
    first, last = times[0][0], times[-1][1]
    event = EventFactory(
        kind=kind,
        venue=venue,
        starts_at=first - timedelta(days=3),
        ends_at=last + timedelta(days=9),
    )
    resource = ResourceFactory(event=event, kind=resource_kind, name=name, units=1)
    booking = Booking.objects.create(
        event=event,
        user=user,
        status=Booking.Status.CONFIRMED,
        amount=Decimal("100.00"),
        currency="SAR",
        contact_name="Sara",
        contact_email=email,
        language=language,
    )
    for starts_at, ends_at in times:
        slot = Slot.objects.create(
            resource=resource, starts_at=starts_at, ends_at=ends_at, capacity=1
        )
        BookingItem.objects.create(booking=booking, slot=slot, quantity=1, unit_price=Decimal(50))
    tickets_issue(booking=booking)
    return booking


def meeting(user: Any, zone: str = "Asia/Riyadh", day: str = "2026-12-21") -> Booking:
    """A meeting room for two 30-minute slots, 09:00-10:00."""
    times = [
        (local(day, 9, 0, zone), local(day, 9, 30, zone)),
        (local(day, 9, 30, zone), local(day, 10, 0, zone)),
    ]
    return confirmed_booking(
        user, kind=Event.Kind.ROOMS, resource_kind=Resource.Kind.SPACE, times=times,
        zone=zone, name="Majlis Room",
    )  # fmt: skip


def stay(user: Any, zone: str = "Asia/Kolkata") -> Booking:
    """A room for three nights: check-in Sun 20 Dec 2026 15:00, check-out Wed 23 Dec 11:00."""
    times = [
        (local(f"2026-12-{day}", 15, 0, zone), local(f"2026-12-{day + 1}", 11, 0, zone))
        for day in (20, 21, 22)
    ]
    return confirmed_booking(
        user, kind=Event.Kind.STAYS, resource_kind=Resource.Kind.ROOM, times=times,
        zone=zone, name="Garden Villa",
    )  # fmt: skip


def repair(user: Any, zone: str = "Asia/Kolkata") -> Booking:
    """A repair appointment of three bay-hours, 10:00-13:00 on Tue 8 Dec 2026."""
    times = [
        (local("2026-12-08", hour, 0, zone), local("2026-12-08", hour + 1, 0, zone))
        for hour in (10, 11, 12)
    ]
    return confirmed_booking(
        user, kind=Event.Kind.SERVICE, resource_kind=Resource.Kind.SERVICE, times=times,
        zone=zone, name="Service bays",
    )  # fmt: skip


def festival(user: Any, zone: str = "Asia/Riyadh") -> Booking:
    """One general-admission ticket, 16:00-23:59 on Mon 21 Dec 2026."""
    times = [(local("2026-12-21", 16, 0, zone), local("2026-12-21", 23, 59, zone))]
    return confirmed_booking(
        user, kind=Event.Kind.FESTIVAL, resource_kind=Resource.Kind.TICKET, times=times,
        zone=zone, name="General Admission",
    )  # fmt: skip


def pass_of(booking: Booking) -> Ticket:
    [ticket] = Ticket.objects.filter(booking=booking)
    return ticket
