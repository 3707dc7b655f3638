"""When a booking is: its whole span, from its first slot's start to its last slot's end.

A meeting of two 30-minute slots runs 09:00-10:00, a stay of three room-nights from the
first night's check-in to the last night's check-out ("3 nights"), a repair appointment of
three one-hour slots over those three hours. Every ticket, pass, PDF, e-mail and page says
this span, in the venue's time zone (``span_text`` for the English documents; the web app
formats the API's ``starts_at``, ``ends_at`` and ``nights`` itself).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from backend.inventory.models import Resource, Slot

if TYPE_CHECKING:
    from backend.bookings.models import Booking

DASH = "\N{EN DASH}"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    """The venue's time zone (UTC when the name is unknown)."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


@dataclass(frozen=True)
class Span:
    """From ``starts_at`` to ``ends_at`` (aware, UTC as stored); ``nights`` counts the
    distinct nights of room-night slots (0 for anything else); ``time_zone`` is the venue's."""

    starts_at: datetime
    ends_at: datetime
    nights: int
    time_zone: str

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_of(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def same_day(self) -> bool:
        """Whether it ends on the day it starts (by the venue's clock)."""
        return self.local_start.date() == self.local_end.date()


def slots_span(slots: Iterable[Slot], *, time_zone: str) -> Span | None:
    """The span of these slots (None for none). Nights are counted by the venue's calendar
    date of each room-night's start, so two rooms over the same three nights are 3 nights."""
    slots = list(slots)
    if not slots:
        return None
    zone = zone_of(time_zone)
    nights = {
        slot.starts_at.astimezone(zone).date()
        for slot in slots
        if slot.resource.kind == Resource.Kind.ROOM
    }
    return Span(
        starts_at=min(slot.starts_at for slot in slots),
        ends_at=max(slot.ends_at for slot in slots),
        nights=len(nights),
        time_zone=time_zone,
    )


def booking_span(booking: Booking, *, time_zone: str | None = None) -> Span | None:
    """The whole booking: first start to last end of its slots, with its nights for a stay,
    in its venue's time zone. None for a booking without slots (a booth's fee). Reads
    ``booking.items`` (prefetch them with their slots' resources to save queries), and its
    event's venue unless ``time_zone`` is given."""
    zone = time_zone if time_zone is not None else booking.event.venue.time_zone
    return slots_span((item.slot for item in booking.items.all()), time_zone=zone)


def _day(moment: datetime) -> str:
    """``Mon 21 Dec 2026`` (not strftime's %a and %b, which follow the C locale)."""
    return f"{DAYS[moment.weekday()]} {moment.day:02d} {MONTHS[moment.month - 1]} {moment.year}"


def nights_text(nights: int) -> str:
    return f"{nights} night" if nights == 1 else f"{nights} nights"


def span_text(span: Span) -> str:
    """``Mon 21 Dec 2026, 09:00-10:00 (Asia/Riyadh)``, or across days ``Sun 20 Dec 2026,
    15:00-Wed 23 Dec 2026, 11:00 (Asia/Kolkata), 3 nights``: in the venue's time zone, the
    end's date repeated only when it is another day, English names whatever the locale."""
    start, end = span.local_start, span.local_end
    text = f"{_day(start)}, {start:%H:%M}{DASH}"
    if not span.same_day:
        text += f"{_day(end)}, "
    text += f"{end:%H:%M} ({span.zone.key})"
    if span.nights:
        text += f", {nights_text(span.nights)}"
    return text
