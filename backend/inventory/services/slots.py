"""Making slots: time slots, room-nights, one per ticket type and day, seats from a plan.

Every generator computes the slots a range *should* have and reconciles: it creates what is
missing, updates and removes only slots nobody has touched (no sale, no hold, ever), and
leaves touched slots exactly as they are. Running a generator twice changes nothing.
Times are laid out in the venue's time zone and stored in UTC.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction

from backend.inventory.models import Event, HoldItem, Resource, Slot

ALL_WEEKDAYS = frozenset(range(7))  # Monday is 0


@dataclass
class Generated:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: list[int] = field(default_factory=list)  # touched slots left as they were

    def __iadd__(self, other: Generated) -> Generated:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.kept += other.kept
        return self

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.deleted} deleted, "
            f"{len(self.kept)} kept as they were (sold or held)"
        )


@dataclass(frozen=True)
class Wanted:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    price: Decimal | None = None


def _zone(resource: Resource) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(resource.event.venue.time_zone)


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


@transaction.atomic
def reconcile_slots(
    resource: Resource, wanted: Iterable[Wanted], *, start: datetime, end: datetime
) -> Generated:
    """Make ``resource``'s slots starting in [start, end) exactly ``wanted``, except the
    touched ones, which are kept as they are."""
    report = Generated()
    want = {w.starts_at: w for w in wanted}
    existing = {
        s.starts_at: s for s in resource.slots.filter(starts_at__gte=start, starts_at__lt=end)
    }
    touched = {s.pk for s in existing.values() if s.sold or s.held} | set(
        HoldItem.objects.filter(slot__in=list(existing.values())).values_list("slot_id", flat=True)
    )
    new = [
        Slot(
            resource=resource,
            starts_at=w.starts_at,
            ends_at=w.ends_at,
            capacity=w.capacity,
            price=w.price,
        )
        for starts_at, w in want.items()
        if starts_at not in existing
    ]
    Slot.objects.bulk_create(new)
    report.created = len(new)
    stale: list[int] = []
    changed: list[Slot] = []
    for starts_at, slot in existing.items():
        if slot.pk in touched:
            report.kept.append(slot.pk)
            continue
        w = want.get(starts_at)
        if w is None:
            stale.append(slot.pk)
        elif (slot.ends_at, slot.capacity, slot.price) != (w.ends_at, w.capacity, w.price):
            slot.ends_at, slot.capacity, slot.price = w.ends_at, w.capacity, w.price
            changed.append(slot)
    Slot.objects.filter(pk__in=stale).delete()
    Slot.objects.bulk_update(changed, ["ends_at", "capacity", "price"])
    report.deleted, report.updated = len(stale), len(changed)
    return report


def slots_for_time_ranges(
    resource: Resource,
    *,
    first_day: date,
    last_day: date,
    opening: time,
    closing: time,
    length: timedelta = timedelta(minutes=30),
    weekdays: Iterable[int] = ALL_WEEKDAYS,
    capacity: int | None = None,
) -> Generated:
    """Back-to-back slots of ``length`` from opening to closing on the chosen weekdays."""
    if length <= timedelta(0) or closing <= opening:
        raise ValueError("slots need a positive length and closing after opening")
    zone, days = _zone(resource), set(weekdays)
    capacity = capacity or resource.units
    wanted = []
    for day in _days(first_day, last_day):
        if day.weekday() not in days:
            continue
        moment, close = datetime.combine(day, opening, zone), datetime.combine(day, closing, zone)
        while moment + length <= close:
            wanted.append(Wanted(moment, moment + length, capacity))
            moment += length
    start = datetime.combine(first_day, time.min, zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, zone)
    return reconcile_slots(resource, wanted, start=start, end=end)


def slots_for_nights(
    resource: Resource,
    *,
    first_night: date,
    last_night: date,
    check_in: time = time(15),
    check_out: time = time(11),
) -> Generated:
    """One slot per night: from check-in on the day to check-out the next morning."""
    zone = _zone(resource)
    wanted = [
        Wanted(
            datetime.combine(night, check_in, zone),
            datetime.combine(night + timedelta(days=1), check_out, zone),
            1,
        )
        for night in _days(first_night, last_night)
    ]
    start = datetime.combine(first_night, time.min, zone)
    end = datetime.combine(last_night + timedelta(days=1), time.min, zone)
    return reconcile_slots(resource, wanted, start=start, end=end)


def slots_for_event_days(resource: Resource) -> Generated:
    """One slot per day of the event, of capacity ``units`` (a ticket type, or a seat)."""
    event, zone = resource.event, _zone(resource)
    capacity = 1 if resource.kind == Resource.Kind.SEAT else resource.units
    first, last = event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()
    wanted = []
    for day in _days(first, last):
        day_start = datetime.combine(day, time.min, zone)
        starts = max(event.starts_at, day_start)
        ends = min(event.ends_at, day_start + timedelta(days=1))
        if ends > starts:
            wanted.append(Wanted(starts, ends, capacity))
    start = datetime.combine(first, time.min, zone)
    end = datetime.combine(last + timedelta(days=1), time.min, zone)
    return reconcile_slots(resource, wanted, start=start, end=end)


def slots_for_whole_event(resource: Resource) -> Generated:
    """One slot from the event's start to its end, of capacity ``units``: a pass for every
    day of a festival that runs over several (a ticket type, or a seat)."""
    event, zone = resource.event, _zone(resource)
    capacity = 1 if resource.kind == Resource.Kind.SEAT else resource.units
    first, last = event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()
    start = datetime.combine(first, time.min, zone)
    end = datetime.combine(last + timedelta(days=1), time.min, zone)
    wanted = [Wanted(event.starts_at, event.ends_at, capacity)]
    return reconcile_slots(resource, wanted, start=start, end=end)


@transaction.atomic
def seats_generate(
    event: Event,
    *,
    section: str,
    rows: Iterable[str],
    seats_per_row: int,
    price: Decimal,
    whole_event: bool = False,
) -> tuple[int, Generated]:
    """A seated section: a seat resource per row and number, each with its event-day slots
    (``whole_event``: one slot for the whole event, a seat for every day of it). Returns how
    many seats were new, and what happened to their slots."""
    existing = {
        (seat.row, seat.number): seat
        for seat in event.resources.filter(kind=Resource.Kind.SEAT, section=section)
    }
    new = [
        Resource(
            event=event,
            kind=Resource.Kind.SEAT,
            name=f"{section} {row}{number}",
            section=section,
            row=row,
            number=number,
            price=price,
            sort_order=order,
        )
        for order, (row, number) in enumerate(
            (row, number) for row in rows for number in range(1, seats_per_row + 1)
        )
        if (row, number) not in existing
    ]
    Resource.objects.bulk_create(new)
    report = Generated()
    for seat in event.resources.filter(kind=Resource.Kind.SEAT, section=section).select_related(
        "event__venue"
    ):
        report += slots_for_whole_event(seat) if whole_event else slots_for_event_days(seat)
    return len(new), report


def slots_for_opening_hours(
    resource: Resource,
    *,
    first_day: date,
    last_day: date,
    length: timedelta = timedelta(hours=1),
    capacity: int | None = None,
) -> Generated:
    """Back-to-back slots of ``length`` within each of the venue's opening ranges of every
    day from ``first_day`` to ``last_day``: none on a closed day, none in a range (or what is
    left of one) shorter than a slot, and nothing outside the hours. Ranges are read in the
    venue's time zone and slots are stepped in real time, so a slot lasts ``length`` on the
    days the clocks change too (an opening time the clocks skip is read as the instant the
    clocks jumped to, an ambiguous one as its first occurrence). Like every generator it
    reconciles: slots already there stay as they are, untouched ones outside the hours go."""
    if length <= timedelta(0):
        raise ValueError("slots need a positive length")
    if last_day < first_day:
        raise ValueError("the last day comes before the first")
    zone, capacity = _zone(resource), capacity or resource.units
    ranges: dict[int, list[tuple[time, time]]] = {}
    for hours in resource.event.venue.opening_hours.all():
        ranges.setdefault(hours.weekday, []).append((hours.opens, hours.closes))
    wanted = []
    for day in _days(first_day, last_day):
        for opens, closes in sorted(ranges.get(day.weekday(), [])):
            moment = datetime.combine(day, opens, zone).astimezone(UTC)
            close = datetime.combine(day, closes, zone).astimezone(UTC)
            while moment + length <= close:
                wanted.append(Wanted(moment, moment + length, capacity))
                moment += length
    start = datetime.combine(first_day, time.min, zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, zone)
    return reconcile_slots(resource, wanted, start=start, end=end)
