"""Slot generation: laid out in the venue's time zone, idempotent, and never touching
slots with sales or holds."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from backend.inventory.models import Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.inventory.services.slots import (
    seats_generate,
    slots_for_event_days,
    slots_for_nights,
    slots_for_time_ranges,
    slots_for_whole_event,
)
from tests.factories import EventFactory, ResourceFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db
RIYADH = zoneinfo.ZoneInfo("Asia/Riyadh")
MONDAY = date(2030, 3, 4)


@pytest.fixture
def room() -> Resource:
    event = EventFactory(
        venue=VenueFactory(time_zone="Asia/Riyadh"),
        starts_at=datetime(2030, 1, 1, tzinfo=RIYADH),
        ends_at=datetime(2031, 1, 1, tzinfo=RIYADH),
        kind="rooms",
    )
    return ResourceFactory(event=event, kind=Resource.Kind.SPACE, units=1)


def local_times(resource: Resource) -> list[tuple[str, str]]:
    return [
        (
            s.starts_at.astimezone(RIYADH).strftime("%a %H:%M"),
            s.ends_at.astimezone(RIYADH).strftime("%H:%M"),
        )
        for s in resource.slots.order_by("starts_at")
    ]


def test_thirty_minute_slots_between_opening_and_closing(room: Resource) -> None:
    report = slots_for_time_ranges(
        room, first_day=MONDAY, last_day=MONDAY, opening=time(9), closing=time(11)
    )

    assert report.created == 4
    assert local_times(room) == [
        ("Mon 09:00", "09:30"),
        ("Mon 09:30", "10:00"),
        ("Mon 10:00", "10:30"),
        ("Mon 10:30", "11:00"),
    ]
    assert {s.capacity for s in room.slots.all()} == {1}


def test_only_the_chosen_weekdays_and_whole_slots(room: Resource) -> None:
    slots_for_time_ranges(
        room,
        first_day=MONDAY,
        last_day=MONDAY + timedelta(days=6),
        opening=time(9),
        closing=time(10, 45),
        length=timedelta(hours=1),
        weekdays={0, 2},  # Monday and Wednesday
    )

    assert local_times(room) == [("Mon 09:00", "10:00"), ("Wed 09:00", "10:00")]


def test_generating_twice_changes_nothing(room: Resource) -> None:
    kwargs = {
        "first_day": MONDAY,
        "last_day": MONDAY + timedelta(days=13),
        "opening": time(9),
        "closing": time(18),
    }
    first = slots_for_time_ranges(room, **kwargs)
    second = slots_for_time_ranges(room, **kwargs)

    assert first.created == 14 * 18
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)


def test_regenerating_never_touches_sold_or_held_slots(room: Resource) -> None:
    slots_for_time_ranges(
        room, first_day=MONDAY, last_day=MONDAY, opening=time(9), closing=time(11)
    )
    held = room.slots.order_by("starts_at")[3]  # 10:30-11:00
    hold_create(
        user=UserFactory(),
        event=room.event,
        items=[ItemRequest(held.pk, 1)],
        now=datetime(2030, 3, 1, tzinfo=RIYADH),
    )

    report = slots_for_time_ranges(
        room, first_day=MONDAY, last_day=MONDAY, opening=time(9), closing=time(10)
    )

    assert report.deleted == 1  # 10:00 was free; 10:30 is held and stays
    assert report.kept == [held.pk]
    assert local_times(room) == [
        ("Mon 09:00", "09:30"),
        ("Mon 09:30", "10:00"),
        ("Mon 10:30", "11:00"),
    ]
    held.refresh_from_db()
    assert held.held == 1


def test_room_nights_run_from_check_in_to_check_out(room: Resource) -> None:
    report = slots_for_nights(room, first_night=MONDAY, last_night=MONDAY + timedelta(days=2))

    nights = list(room.slots.order_by("starts_at"))
    assert report.created == 3
    assert nights[0].starts_at == datetime.combine(MONDAY, time(15), RIYADH)
    assert nights[0].ends_at == datetime.combine(MONDAY + timedelta(days=1), time(11), RIYADH)


def test_one_slot_per_ticket_type_per_event_day() -> None:
    event = EventFactory(
        venue=VenueFactory(time_zone="Asia/Riyadh"),
        starts_at=datetime(2030, 3, 4, 18, tzinfo=RIYADH),
        ends_at=datetime(2030, 3, 6, 2, tzinfo=RIYADH),
    )
    ticket = ResourceFactory(event=event, units=500)

    slots_for_event_days(ticket)

    spans = [
        (s.starts_at.astimezone(RIYADH), s.ends_at.astimezone(RIYADH), s.capacity)
        for s in ticket.slots.all()
    ]
    assert spans == [
        (datetime(2030, 3, 4, 18, tzinfo=RIYADH), datetime(2030, 3, 5, tzinfo=RIYADH), 500),
        (datetime(2030, 3, 5, tzinfo=RIYADH), datetime(2030, 3, 6, tzinfo=RIYADH), 500),
        (datetime(2030, 3, 6, tzinfo=RIYADH), datetime(2030, 3, 6, 2, tzinfo=RIYADH), 500),
    ]


def test_a_pass_is_one_slot_over_the_whole_event_and_replaces_day_slots() -> None:
    event = EventFactory(
        venue=VenueFactory(time_zone="Asia/Riyadh"),
        starts_at=datetime(2030, 3, 4, 16, tzinfo=RIYADH),
        ends_at=datetime(2030, 3, 5, 23, 59, tzinfo=RIYADH),
    )
    ticket = ResourceFactory(event=event, units=300)
    slots_for_event_days(ticket)  # what an earlier layout left

    report = slots_for_whole_event(ticket)
    again = slots_for_whole_event(ticket)

    [slot] = ticket.slots.all()
    assert (slot.starts_at, slot.ends_at, slot.capacity) == (event.starts_at, event.ends_at, 300)
    assert (report.updated, report.deleted, again.created, again.deleted) == (1, 1, 0, 0)
    _, seats = seats_generate(event, section="Pit", rows="A", seats_per_row=2,
                              price=Decimal("90.00"), whole_event=True)  # fmt: skip
    assert seats.created == 2
    assert Slot.objects.filter(resource__section="Pit", starts_at=event.starts_at,
                               ends_at=event.ends_at, capacity=1).count() == 2  # fmt: skip


def test_a_seat_plan_makes_one_seat_per_place_once() -> None:
    event = EventFactory(
        venue=VenueFactory(time_zone="Asia/Riyadh"),
        starts_at=datetime(2030, 3, 4, 18, tzinfo=RIYADH),
        ends_at=datetime(2030, 3, 4, 23, tzinfo=RIYADH),
    )

    new, report = seats_generate(
        event, section="Grandstand", rows="ABC", seats_per_row=4, price=Decimal("80.00")
    )
    again, _ = seats_generate(
        event, section="Grandstand", rows="ABC", seats_per_row=4, price=Decimal("80.00")
    )

    seats = Resource.objects.filter(event=event, kind=Resource.Kind.SEAT)
    assert (new, again) == (12, 0)
    assert seats.count() == 12
    assert str(seats.get(row="B", number=3)) == "Grandstand row B seat 3"
    assert Slot.objects.filter(resource__in=seats).count() == 12
    assert set(Slot.objects.filter(resource__in=seats).values_list("capacity", flat=True)) == {1}
    assert report.created == 12


def test_bad_ranges_are_refused(room: Resource) -> None:
    with pytest.raises(ValueError, match="closing after opening"):
        slots_for_time_ranges(
            room, first_day=MONDAY, last_day=MONDAY, opening=time(18), closing=time(9)
        )
