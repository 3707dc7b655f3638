"""The demo data: five scenarios, idempotent, each watchable live over the websocket."""

from __future__ import annotations

import io
import zoneinfo
from datetime import time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from backend.accounts.demo import DEMO_STAFF_EMAIL
from backend.accounts.models import AllowlistEntry, Role, ScannerDevice, User
from backend.accounts.phones import is_mobile
from backend.checkin.models import Gate
from backend.inventory.demo import VIP_PHONES
from backend.inventory.models import Event, OpeningHours, Resource, Slot, Venue, VenueImage
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.inventory.services.venues import venue_opening_hours_set
from backend.realtime.dispatcher import dispatcher
from tests.factories import UserFactory

SLUGS = ["vip-evening", "goa-palm-grove", "dandeli-river-lodge", "meeting-rooms", "summer-fest",
         "repair-shop"]  # fmt: skip


def counts() -> dict[str, int]:
    return {
        "events": Event.objects.count(),
        "resources": Resource.objects.count(),
        "slots": Slot.objects.count(),
        "allowlist": AllowlistEntry.objects.count(),
        "users": User.objects.count(),
        "gates": Gate.objects.count(),
        "devices": ScannerDevice.objects.count(),
        "opening_hours": OpeningHours.objects.count(),
        "venue_images": VenueImage.objects.count(),
        "venues": Venue.objects.count(),
    }


@pytest.fixture
def demo(db: Any) -> None:
    call_command("demo", stdout=io.StringIO())


def test_demo_creates_every_scenario_on_sale(demo: None) -> None:
    events = {event.slug: event for event in Event.objects.all()}

    assert sorted(events) == sorted(SLUGS)
    assert {e.kind for e in events.values()} == set(Event.Kind.values)
    assert all(e.status == Event.Status.ON_SALE for e in events.values())
    assert all(Slot.objects.filter(resource__event=e).exists() for e in events.values())


def test_running_the_demo_again_changes_nothing(demo: None) -> None:
    before = counts()

    call_command("demo", stdout=io.StringIO())

    assert counts() == before


def test_running_the_demo_again_leaves_the_repair_shop_as_it_was(demo: None) -> None:
    def shop() -> Any:
        venue = Venue.objects.get(events__slug="repair-shop")
        return (
            Venue.objects.filter(pk=venue.pk).values().get(),
            list(venue.opening_hours.values()),
            list(venue.images.values()),
            list(Slot.objects.filter(resource__event__venue=venue).values()),
        )

    before = shop()

    call_command("demo", stdout=io.StringIO())

    assert shop() == before


def test_staffs_own_hours_and_contact_survive_the_demo(demo: None) -> None:
    venue = Venue.objects.get(events__slug="repair-shop")
    venue_opening_hours_set(venue=venue, ranges=[(6, time(10), time(14))])
    Venue.objects.filter(pk=venue.pk).update(contact_phone="+91 80 1111 2222")

    call_command("demo", stdout=io.StringIO())

    assert [str(h) for h in venue.opening_hours.all()] == ["Sunday 10:00-14:00"]
    assert Venue.objects.get(pk=venue.pk).contact_phone == "+91 80 1111 2222"


def test_the_vip_evening_is_arabic_and_allowlist_only(demo: None) -> None:
    event = Event.objects.get(slug="vip-evening")
    entries = AllowlistEntry.objects.filter(event=event)

    assert event.allowlist_only
    assert event.language == "ar"
    assert sorted(entries.values_list("phone", flat=True)) == VIP_PHONES
    assert all(is_mobile(phone) for phone in VIP_PHONES)
    assert list(entries.exclude(booked_at=None).values_list("phone", flat=True)) == [VIP_PHONES[-1]]


def test_meeting_rooms_have_half_hour_slots_from_nine_to_six_for_two_weeks(demo: None) -> None:
    event = Event.objects.get(slug="meeting-rooms")
    slots = Slot.objects.filter(resource__event=event)
    zone = zoneinfo.ZoneInfo(event.venue.time_zone)
    local = [s.starts_at.astimezone(zone) for s in slots]

    assert event.resources.count() == 3
    assert slots.count() == 3 * 18 * 14
    assert {s.ends_at - s.starts_at for s in slots} == {timedelta(minutes=30)}
    assert min(t.hour for t in local) == 9
    assert max(t.hour * 60 + t.minute for t in local) == 17 * 60 + 30
    assert event.hold_minutes == 30


def test_the_festival_has_three_ticket_types_and_four_seated_sections_in_three_tiers(
    demo: None,
) -> None:
    event = Event.objects.get(slug="summer-fest")
    seats = event.resources.filter(kind=Resource.Kind.SEAT)
    sections = list(event.seat_sections.values_list("name", "tier", "price", "aisles_after"))

    assert event.resources.filter(kind=Resource.Kind.TICKET).count() == 3
    assert sections == [
        ("Floor", "Gold", Decimal("450.00"), [6]),
        ("West", "Silver", Decimal("350.00"), []),
        ("East", "Silver", Decimal("350.00"), []),
        ("Grandstand", "Bronze", Decimal("250.00"), [5, 15]),
    ]
    assert seats.count() == 36 + 32 + 32 + 200
    grandstand = seats.filter(section="Grandstand")
    assert sorted(set(grandstand.values_list("row", flat=True))) == list("ABCDEFGHIJ")
    assert set(seats.filter(section="Floor").values_list("price", flat=True)) == {Decimal(450)}
    assert Slot.objects.filter(resource__in=seats, capacity=1).count() == 300


def test_the_festival_has_gates_and_a_scanning_station(demo: None) -> None:
    north, grandstand = Gate.objects.filter(load_in=False).order_by("name").reverse()

    assert (north.name, grandstand.name) == ("North gate", "Grandstand gate")
    assert north.devices.count() == 1
    assert grandstand.resources.count() == 300  # every seat enters there


def test_the_repair_shop_has_three_bays_in_hourly_slots_within_its_hours(demo: None) -> None:
    slots = Slot.objects.filter(resource__event__slug="repair-shop")
    zone = zoneinfo.ZoneInfo("Asia/Kolkata")
    local = [s.starts_at.astimezone(zone) for s in slots]

    # Monday to Saturday, 09:00-13:00 and 14:00-18:00; two weeks hold two Sundays.
    assert slots.count() == 12 * 8
    assert set(slots.values_list("capacity", flat=True)) == {3}
    assert {s.ends_at - s.starts_at for s in slots} == {timedelta(hours=1)}
    assert {t.hour for t in local} == {9, 10, 11, 12, 14, 15, 16, 17}
    assert all(t.weekday() != 6 for t in local)


def test_the_repair_shops_page_has_hours_contact_and_images_served_here(demo: None) -> None:
    venue = Event.objects.get(slug="repair-shop").venue
    page = Client().get(f"/api/venues/{venue.pk}/").json()

    assert page["contact_phone"]
    assert "@" in page["contact_email"]
    assert {h["weekday"] for h in page["opening_hours"]} == {0, 1, 2, 3, 4, 5}
    assert [h for h in page["opening_hours"] if h["weekday"] == 0] == [
        {"weekday": 0, "opens": "09:00", "closes": "13:00"},
        {"weekday": 0, "opens": "14:00", "closes": "18:00"},
    ]
    assert len(page["images"]) == 2
    for image in page["images"]:
        picture = Client().get(image["url"])
        assert picture.status_code == 200
        assert picture["Content-Type"] == "image/svg+xml"
        assert image["alt"]
        assert image["alt_ar"] != image["alt"]


def test_the_resorts_are_found_by_stay_search(demo: None) -> None:
    check_in = timezone.localdate() + timedelta(days=3)
    query = {"check_in": check_in, "check_out": check_in + timedelta(days=2), "guests": 4}

    goa = Client().get("/api/search/stays/", {"location": "goa", **query}).json()
    dandeli = Client().get("/api/search/stays/", {"location": "Dandeli", **query}).json()

    assert [v["city"] for v in goa["venues"]] == ["Goa"]
    assert [v["city"] for v in dandeli["venues"]] == ["Dandeli"]
    rooms = goa["venues"][0]["rooms"]
    assert len(rooms) == 7
    assert [r["name"] for r in rooms if r["fits_party"]] == ["Family Suite 1", "Family Suite 2"]
    assert goa["venues"][0]["cheapest_total"] == "20800.00"


def test_the_demo_staff_member_is_staff_of_every_event(demo: None) -> None:
    staff = User.objects.get(email=DEMO_STAFF_EMAIL)

    assert staff.role_grants.filter(role=Role.STAFF, event=None).exists()
    assert staff.has_usable_password()


@sync_to_async
def _load_and_pick(slug: str) -> tuple[Event, Slot]:
    call_command("demo", stdout=io.StringIO())
    event = Event.objects.get(slug=slug)
    # A slot nobody has booked yet (the demo guest's paid bookings took a few places).
    slots = Slot.objects.filter(resource__event=event, ends_at__gt=timezone.now(), sold=0, held=0)
    return event, slots.order_by("starts_at", "id")[0]


@sync_to_async
def _hold_one(event: Event, slot: Slot) -> None:
    phone = VIP_PHONES[0] if event.allowlist_only else None
    user = UserFactory(phone=phone) if phone else UserFactory()
    hold_create(user=user, event=event, items=[ItemRequest(slot.pk, 1)])
    dispatcher.drain()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("slug", SLUGS)
async def test_every_demo_scenario_shows_live_availability(connect: Any, slug: str) -> None:
    event, slot = await _load_and_pick(slug)
    watcher = await connect()

    subscribed = await watcher.ask({"type": "subscribe", "topic": f"event:{slug}:availability"})
    await _hold_one(event, slot)
    frame = await watcher.recv(timeout=2)

    first = {s["id"]: s for s in subscribed["snapshot"]["slots"]}[slot.pk]
    assert first["available"] == slot.capacity
    assert frame["kind"] == "availability"
    assert frame["data"]["slots"] == [{"id": slot.pk, "available": slot.capacity - 1, "version": 1}]


def test_each_apps_loaders_run_in_the_layers_order() -> None:
    from backend.core.demo import demo_loaders

    assert [f"{loader.__module__}.{loader.__name__}" for loader in demo_loaders()] == [
        "backend.accounts.demo.load_demo_staff",
        "backend.accounts.demo.load_demo_guest",
        "backend.inventory.demo.load_vip_evening",
        "backend.inventory.demo.load_resorts",
        "backend.inventory.demo.load_meeting_rooms",
        "backend.inventory.demo.load_festival",
        "backend.inventory.demo.load_repair_shop",
        "backend.inventory.demo.load_arabic_names",
        "backend.inventory.demo_pictures.load_pictures",
        "backend.catalog.demo.load_repair_catalog",
        "backend.catalog.demo.load_catalog_arabic",
        "backend.bookings.demo.load_booking_policies",
        "backend.invoices.demo.load_invoicing",
        "backend.invoices.demo.load_paid_bookings",
        "backend.checkin.demo.load_festival_gates",
        "backend.vendors.demo.load_festival_vendors",
        "backend.content.demo.load_festival_pages",
    ]
