"""Slots from a venue's opening hours: within the hours only, several ranges a day, closed
days, real-time lengths across the clock changes, and idempotent like every generator."""

from __future__ import annotations

import itertools
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client

from backend.core.models import AuditEntry
from backend.inventory.models import Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.inventory.services.slots import slots_for_opening_hours
from backend.inventory.services.venues import venue_opening_hours_set
from tests.factories import EventFactory, ResourceFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2030, 3, 4)  # a Monday; the week runs to Sunday 10 March
LONDON = zoneinfo.ZoneInfo("Europe/London")


def bays(time_zone: str = "Asia/Kolkata", units: int = 3) -> Resource:
    event = EventFactory(
        venue=VenueFactory(time_zone=time_zone),
        starts_at=datetime(2030, 1, 1, tzinfo=UTC),
        ends_at=datetime(2031, 1, 1, tzinfo=UTC),
    )
    return ResourceFactory(event=event, kind=Resource.Kind.SERVICE, units=units)


def open_(resource: Resource, *ranges: tuple[int, time, time]) -> None:
    venue_opening_hours_set(venue=resource.event.venue, ranges=ranges)


def local(resource: Resource) -> list[tuple[str, str, str]]:
    zone = zoneinfo.ZoneInfo(resource.event.venue.time_zone)
    return [
        (
            f"{s.starts_at.astimezone(zone):%a}",
            f"{s.starts_at.astimezone(zone):%H:%M}",
            f"{s.ends_at.astimezone(zone):%H:%M}",
        )
        for s in resource.slots.order_by("starts_at")
    ]


def test_slots_fill_each_range_of_a_day_and_nothing_outside_it() -> None:
    shop = bays()
    open_(shop, (0, time(9), time(13)), (0, time(14), time(16)), (2, time(10), time(12)))

    report = slots_for_opening_hours(
        shop, first_day=MONDAY, last_day=MONDAY + timedelta(days=6), length=timedelta(hours=1)
    )

    assert local(shop) == [
        ("Mon", "09:00", "10:00"), ("Mon", "10:00", "11:00"), ("Mon", "11:00", "12:00"),
        ("Mon", "12:00", "13:00"), ("Mon", "14:00", "15:00"), ("Mon", "15:00", "16:00"),
        ("Wed", "10:00", "11:00"), ("Wed", "11:00", "12:00"),
    ]  # fmt: skip
    assert report.created == 8
    assert set(shop.slots.values_list("capacity", flat=True)) == {3}
    assert shop.slots.first().starts_at == datetime(2030, 3, 4, 3, 30, tzinfo=UTC)  # 09:00 IST


def test_closed_days_and_ranges_shorter_than_a_slot_make_none() -> None:
    shop = bays()
    # Monday: 45 minutes; Tuesday: 100 minutes (one slot, the rest too short); no other day.
    open_(shop, (0, time(9), time(9, 45)), (1, time(9), time(10, 40)))

    slots_for_opening_hours(
        shop, first_day=MONDAY, last_day=MONDAY + timedelta(days=6), length=timedelta(hours=1)
    )

    assert local(shop) == [("Tue", "09:00", "10:00")]


def test_a_venue_without_hours_is_closed_every_day() -> None:
    shop = bays()

    report = slots_for_opening_hours(shop, first_day=MONDAY, last_day=MONDAY + timedelta(days=6))

    assert (report.created, shop.slots.count()) == (0, 0)


def test_only_the_days_asked_for() -> None:
    shop = bays()
    open_(shop, *[(day, time(9), time(11)) for day in range(7)])

    slots_for_opening_hours(
        shop,
        first_day=MONDAY + timedelta(days=1),
        last_day=MONDAY + timedelta(days=2),
        length=timedelta(minutes=30),
    )

    assert [day for day, _, _ in local(shop)] == ["Tue"] * 4 + ["Wed"] * 4


def test_running_it_again_keeps_every_slot_and_adds_none() -> None:
    shop = bays()
    open_(shop, (0, time(9), time(13)), (0, time(14), time(18)))
    week = {"first_day": MONDAY, "last_day": MONDAY + timedelta(days=13)}
    slots_for_opening_hours(shop, **week)
    before = list(shop.slots.values_list("pk", "starts_at", "ends_at", "capacity"))

    again = slots_for_opening_hours(shop, **week)

    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert list(shop.slots.values_list("pk", "starts_at", "ends_at", "capacity")) == before
    assert len(before) == 2 * 8


def test_new_hours_remove_untouched_slots_outside_them_and_keep_held_ones() -> None:
    shop = bays()
    open_(shop, (0, time(9), time(18)))
    slots_for_opening_hours(shop, first_day=MONDAY, last_day=MONDAY)
    lunch = shop.slots.get(starts_at=datetime(2030, 3, 4, 7, 30, tzinfo=UTC))  # 13:00 IST
    five = shop.slots.get(starts_at=datetime(2030, 3, 4, 11, 30, tzinfo=UTC))  # 17:00 IST
    hold_create(user=UserFactory(), event=shop.event, items=[ItemRequest(five.pk, 1)])
    open_(shop, (0, time(9), time(13)), (0, time(14), time(17)))

    report = slots_for_opening_hours(shop, first_day=MONDAY, last_day=MONDAY)

    assert (report.created, report.deleted, report.kept) == (0, 1, [five.pk])
    assert not Slot.objects.filter(pk=lunch.pk).exists()
    assert [start for _, start, _ in local(shop)] == [
        "09:00", "10:00", "11:00", "12:00", "14:00", "15:00", "16:00", "17:00",
    ]  # fmt: skip


def test_the_spring_change_in_london_keeps_wall_clock_hours_and_real_lengths() -> None:
    # The clocks go forward at 01:00 GMT on Sunday 31 March 2030.
    shop = bays(time_zone="Europe/London")
    open_(shop, *[(day, time(9), time(12)) for day in range(7)])

    slots_for_opening_hours(
        shop, first_day=date(2030, 3, 30), last_day=date(2030, 4, 1), length=timedelta(hours=1)
    )

    starts = [s.starts_at for s in shop.slots.order_by("starts_at")]
    assert [t.astimezone(LONDON).strftime("%a %H:%M") for t in starts] == [
        "Sat 09:00", "Sat 10:00", "Sat 11:00", "Sun 09:00", "Sun 10:00", "Sun 11:00",
        "Mon 09:00", "Mon 10:00", "Mon 11:00",
    ]  # fmt: skip
    assert starts[0] == datetime(2030, 3, 30, 9, tzinfo=UTC)  # GMT
    assert starts[3] == datetime(2030, 3, 31, 8, tzinfo=UTC)  # BST
    assert {s.ends_at - s.starts_at for s in shop.slots.all()} == {timedelta(hours=1)}


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        (date(2030, 3, 31), 3),  # 00:00-04:00 on the night the clocks go forward: 3 hours
        (date(2030, 10, 27), 5),  # 00:00-04:00 on the night they go back: 5 hours
    ],
)
def test_a_range_across_the_change_has_the_real_hours_it_lasts(day: date, hours: int) -> None:
    shop = bays(time_zone="Europe/London")
    open_(shop, (6, time(0), time(4)))

    report = slots_for_opening_hours(shop, first_day=day, last_day=day, length=timedelta(hours=1))

    slots = list(shop.slots.order_by("starts_at"))
    assert report.created == len(slots) == hours
    assert {s.ends_at - s.starts_at for s in slots} == {timedelta(hours=1)}
    assert all(a.ends_at == b.starts_at for a, b in itertools.pairwise(slots))
    assert slots[-1].ends_at == datetime.combine(day, time(4), LONDON)
    again = slots_for_opening_hours(shop, first_day=day, last_day=day, length=timedelta(hours=1))
    assert (again.created, again.deleted) == (0, 0)


def test_bad_arguments_are_refused() -> None:
    shop = bays()

    with pytest.raises(ValueError):
        slots_for_opening_hours(shop, first_day=MONDAY, last_day=MONDAY, length=timedelta(0))
    with pytest.raises(ValueError):
        slots_for_opening_hours(shop, first_day=MONDAY, last_day=MONDAY - timedelta(days=1))


class TestAdmin:
    def test_generating_from_the_opening_hours(self, admin_browser: Client) -> None:
        shop = bays()
        open_(shop, (0, time(9), time(13)), (0, time(14), time(18)))
        url = f"/admin/inventory/resource/{shop.pk}/generate-slots-from-hours/"

        change = admin_browser.get(f"/admin/inventory/resource/{shop.pk}/change/")
        page = admin_browser.get(url)
        done = admin_browser.post(
            url,
            {"first_day": "2030-03-04", "last_day": "2030-03-10", "minutes": "60"},
            follow=True,
        )

        assert url in change.content.decode()
        assert "Monday 09:00-13:00" in page.content.decode()
        assert "8 created" in done.content.decode()
        assert shop.slots.count() == 8
        entry = AuditEntry.objects.get(action="resource.generate_slots")
        assert (entry.event_id, entry.after["created"]) == (shop.event_id, 8)

    def test_a_venue_without_hours_says_so(self, admin_browser: Client) -> None:
        shop = bays()

        page = admin_browser.get(f"/admin/inventory/resource/{shop.pk}/generate-slots-from-hours/")

        assert "no opening hours yet" in page.content.decode()

    @pytest.mark.parametrize(
        ("form", "says"),
        [
            ({"first_day": "2030-03-05", "last_day": "2030-03-04", "minutes": "60"}, "before"),
            ({"first_day": "2030-01-01", "last_day": "2031-06-01", "minutes": "60"}, "a year"),
            ({"first_day": "2030-03-04", "last_day": "2030-03-04", "minutes": "0"}, "greater"),
        ],
    )
    def test_a_bad_form_is_shown_again(self, admin_browser: Client, form: Any, says: str) -> None:
        shop = bays()
        open_(shop, (0, time(9), time(13)))

        answer = admin_browser.post(
            f"/admin/inventory/resource/{shop.pk}/generate-slots-from-hours/", form
        )

        assert answer.status_code == 200
        assert says in answer.content.decode()
        assert not shop.slots.exists()
