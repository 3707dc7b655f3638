"""Stay search: rooms free for every night of a stay, in a place, for a party."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from backend.inventory.models import Event, Hold, Resource, Slot
from backend.inventory.selectors import stays as stays_module
from backend.inventory.selectors.stays import stays_at_venue, stays_search
from backend.inventory.services.holds import ItemRequest, hold_convert, hold_create
from backend.inventory.services.slots import slots_for_nights
from tests.factories import EventFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
D10, D11, D12, D13 = (date(2030, 3, day) for day in (10, 11, 12, 13))
URL = "/api/search/stays/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    """The server's clock (and so 'today') is NOW for the API."""
    with time_machine.travel(NOW, tick=False):
        yield


def stays(
    city: str = "Goa",
    *,
    name: str | None = None,
    time_zone: str = "Asia/Kolkata",
    address: str = "",
    status: str = Event.Status.ON_SALE,
    kind: str = Event.Kind.STAYS,
    **kwargs: Any,
) -> Event:
    venue = VenueFactory(
        city=city,
        time_zone=time_zone,
        country="IN",
        address=address,
        **({"name": name} if name else {}),
    )
    return EventFactory(
        venue=venue,
        kind=kind,
        status=status,
        currency="INR",
        starts_at=datetime(2030, 1, 1, tzinfo=UTC),
        ends_at=datetime(2031, 1, 1, tzinfo=UTC),
        **kwargs,
    )


def room(
    event: Event,
    name: str = "A101",
    *,
    guests: int = 2,
    price: str = "100.00",
    first: date = D10,
    last: date = D13,
    attributes: dict[str, Any] | None = None,
) -> Resource:
    resource = Resource.objects.create(
        event=event,
        kind=Resource.Kind.ROOM,
        name=name,
        guest_capacity=guests,
        price=Decimal(price),
        attributes=attributes or {},
    )
    slots_for_nights(resource, first_night=first, last_night=last)
    return resource


def night(resource: Resource, day: date) -> Slot:
    zone = zoneinfo.ZoneInfo(resource.event.venue.time_zone)
    return next(s for s in resource.slots.all() if s.starts_at.astimezone(zone).date() == day)


def hold(resource: Resource, day: date, *, now: datetime = NOW) -> Hold:
    return hold_create(
        user=UserFactory(),
        event=resource.event,
        items=[ItemRequest(night(resource, day).pk, 1)],
        now=now,
    )


def search(
    location: str = "Goa",
    check_in: date = D10,
    check_out: date = D13,
    guests: int = 1,
    now: datetime = NOW,
) -> list[Any]:
    return stays_search(
        location=location, check_in=check_in, check_out=check_out, guests=guests, now=now
    )


def room_names(found: list[Any]) -> list[list[str]]:
    return [[r.name for r in venue.rooms] for venue in found]


def get(api: Any, **params: Any) -> Any:
    query = {"location": "Goa", "check_in": "2030-03-10", "check_out": "2030-03-13", **params}
    return api.get(URL, {k: v for k, v in query.items() if v is not None})


class TestNights:
    def test_a_room_free_every_night_is_listed_with_its_night_slots(self, api: Any) -> None:
        event = stays(name="Beachside", address="Calangute")
        a101 = room(event, "A101", attributes={"amenities": ["sea view", "wifi"], "floor": 1})

        answer = get(api, guests=2)

        assert answer.status_code == 200
        body = answer.json()
        assert (body["count"], body["page"], body["page_size"], body["pages"]) == (1, 1, 10, 1)
        assert (body["nights"], body["guests"], body["location"]) == (3, 2, "Goa")
        [venue] = body["venues"]
        slots = [night(a101, day).pk for day in (D10, D11, D12)]
        assert venue == {
            "id": event.venue.pk,
            "name": "Beachside",
            "city": "Goa",
            "address": "Calangute",
            "time_zone": "Asia/Kolkata",
            "country": "IN",
            "event": event.slug,
            "event_name": event.name,
            "currency": "INR",
            "tax_rate": "0.00",
            "prices_include_tax": True,
            "free_rooms": 1,
            "cheapest_total": "300.00",
            "cheapest_rooms": [a101.pk],
            "rooms": [
                {
                    "id": a101.pk,
                    "name": "A101",
                    "guest_capacity": 2,
                    "fits_party": True,
                    "slots": slots,
                    "nights": [
                        {"date": f"2030-03-{d}", "slot": s, "price": "100.00"}
                        for d, s in zip((10, 11, 12), slots, strict=True)
                    ],
                    "total": "300.00",
                    "currency": "INR",
                    "amenities": ["sea view", "wifi"],
                    "amenity_list": [],
                    "images": [],
                    "attributes": {"amenities": ["sea view", "wifi"], "floor": 1},
                }
            ],
            "images": [],
            "amenities": [],
            "check_in_time": None,
            "check_out_time": None,
        }

    def test_the_listed_slots_can_be_held_as_they_are(self, api: Any) -> None:
        event = stays()
        a101 = room(event)
        [found] = search()

        held = hold_create(
            user=UserFactory(),
            event=event,
            items=[ItemRequest(slot, 1) for slot in found.rooms[0].slots],
            now=NOW,
        )

        assert sorted(held.items.values_list("slot_id", flat=True)) == sorted(
            night(a101, day).pk for day in (D10, D11, D12)
        )

    def test_check_out_is_the_departure_day_not_a_night(self) -> None:
        event = stays()
        room(event, "to the 12th", first=D10, last=D12)  # no slot for the night of the 13th

        assert room_names(search(check_out=D13)) == [["to the 12th"]]
        assert search(check_out=D13 + timedelta(days=1)) == []

    def test_a_room_lacking_a_slot_for_one_night_is_not_free(self) -> None:
        event = stays()
        room(event, "complete")
        gap = room(event, "gap")
        night(gap, D11).delete()
        room(event, "starts late", first=D11)

        assert room_names(search()) == [["complete"]]

    def test_a_room_held_for_one_night_of_the_stay_is_not_free(self) -> None:
        event = stays()
        room(event, "free")
        held = room(event, "held on the 11th")
        hold(held, D11)

        assert room_names(search()) == [["free"]]
        assert room_names(search(check_in=D12)) == [["free", "held on the 11th"]]

    def test_a_room_sold_for_one_night_of_the_stay_is_not_free(self) -> None:
        event = stays()
        room(event, "free")
        sold = room(event, "sold on the 12th")
        hold_convert(hold=hold(sold, D12), now=NOW)

        assert room_names(search()) == [["free"]]
        assert night(sold, D12).sold == 1

    def test_an_expired_hold_not_yet_swept_does_not_take_the_room(self) -> None:
        event = stays(hold_minutes=10)
        room(event, "free")
        held = room(event, "held")
        taken = hold(held, D11)

        during = search(now=NOW + timedelta(minutes=5))
        after = search(now=NOW + timedelta(minutes=11))

        taken.refresh_from_db()
        assert taken.status == Hold.Status.ACTIVE  # not swept
        assert night(held, D11).held == 1
        assert room_names(during) == [["free"]]
        assert room_names(after) == [["free", "held"]]

    def test_many_taken_slots_are_corrected_without_naming_them(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(stays_module, "EXPIRED_BY_ID_LIMIT", 0)
        event = stays(hold_minutes=10)
        room(event, "free")
        hold(room(event, "held"), D11)

        assert room_names(search(now=NOW + timedelta(minutes=5))) == [["free"]]
        assert room_names(search(now=NOW + timedelta(minutes=11))) == [["free", "held"]]

    def test_nights_are_dates_in_each_venue_time_zone(self) -> None:
        # 15:00 in Honolulu is 01:00 UTC the next day; in Kiritimati, 01:00 UTC that day.
        west = room(stays(name="West", time_zone="Pacific/Honolulu"), "west")
        east = room(stays(name="East", time_zone="Pacific/Kiritimati"), "east")

        found = {v.name: v for v in search(check_in=D10, check_out=D11)}

        assert found["West"].rooms[0].slots == [night(west, D10).pk]
        assert found["East"].rooms[0].slots == [night(east, D10).pk]
        assert night(west, D10).starts_at.date() == D11  # in UTC
        assert night(east, D10).starts_at.date() == D10

    def test_a_night_that_has_ended_is_not_offered(self) -> None:
        event = stays(time_zone="UTC")
        room(event)

        assert search(check_in=D10, check_out=D11, now=datetime(2030, 3, 11, 12, tzinfo=UTC)) == []


class TestParty:
    @pytest.fixture
    def event(self) -> Event:
        event = stays()
        room(event, "double", guests=2, price="200.00")
        room(event, "single", guests=1, price="50.00")
        return event

    def test_every_free_room_is_listed_with_whether_it_alone_fits(self, event: Event) -> None:
        [venue] = search(guests=2)

        assert [(r.name, r.fits_party) for r in venue.rooms] == [
            ("single", False),
            ("double", True),
        ]
        assert venue.free_rooms == 2
        assert venue.cheapest_total == Decimal("600.00")  # the single alone is not enough
        assert venue.cheapest_rooms == (venue.rooms[1].id,)

    def test_a_party_no_room_takes_alone_is_housed_by_rooms_together(self, event: Event) -> None:
        [venue] = search(guests=3)

        assert [r.fits_party for r in venue.rooms] == [False, False]
        assert venue.cheapest_total == Decimal("750.00")
        assert sorted(venue.cheapest_rooms) == sorted(r.id for r in venue.rooms)

    def test_a_venue_whose_free_rooms_cannot_take_the_party_is_left_out(self, event: Event) -> None:
        assert search(guests=4) == []

    def test_a_taken_room_does_not_count_towards_the_party(self, event: Event) -> None:
        hold(event.resources.get(name="single"), D12)

        assert search(guests=3) == []
        assert room_names(search(guests=2)) == [["double"]]

    def test_the_cheapest_total_may_be_two_rooms_rather_than_one_suite(self) -> None:
        event = stays()
        room(event, "suite", guests=4, price="1000.00")
        double = room(event, "double", guests=2, price="100.00")
        other = room(event, "other double", guests=2, price="150.00")

        [party_of_4] = search(guests=4)
        [party_of_2] = search(guests=2)

        assert party_of_4.cheapest_total == Decimal("750.00")
        assert sorted(party_of_4.cheapest_rooms) == sorted([double.pk, other.pk])
        assert party_of_2.cheapest_total == Decimal("300.00")
        assert party_of_2.cheapest_rooms == (double.pk,)


class TestPlace:
    @pytest.mark.parametrize("location", ["Goa", "goa", "  GOA  ", "Go", "g"])
    def test_the_city_matches_case_insensitively_by_its_beginning(self, location: str) -> None:
        room(stays("Goa", name="In Goa"))

        assert [v.name for v in search(location)] == ["In Goa"]

    def test_other_cities_are_left_out(self) -> None:
        room(stays("Goa", name="In Goa"))
        room(stays("North Goa", name="Northern Sands"))
        room(stays("Riyadh", name="In Riyadh", time_zone="Asia/Riyadh"))

        assert [v.name for v in search("goa")] == ["In Goa"]  # a city from its start
        assert [v.name for v in search("north  goa")] == ["Northern Sands"]
        assert search("oa") == []
        assert search("Goan") == []
        # Punctuation is a separator, never a wildcard.
        assert [v.name for v in search("Goa%")] == ["In Goa"]
        assert search("G%a") == []
        assert search("%") == []

    def test_a_name_matches_from_the_start_of_any_word(self) -> None:
        room(stays("Goa", name="Palm Grove Beach Resort"))
        room(stays("Dandeli", name="Kali River Jungle Lodge"))

        assert [v.name for v in search("grove")] == ["Palm Grove Beach Resort"]
        assert [v.name for v in search("kali riv")] == ["Kali River Jungle Lodge"]
        assert search("rove") == []

    def test_events_not_on_sale_and_other_kinds_are_left_out(self) -> None:
        room(stays(name="On sale"))
        room(stays(name="Draft", status=Event.Status.DRAFT))
        room(stays(name="Closed", status=Event.Status.CLOSED))
        room(stays(name="Meeting rooms", kind=Event.Kind.ROOMS))

        assert [v.name for v in search()] == ["On sale"]

    def test_only_room_resources_are_offered(self) -> None:
        event = stays()
        room(event, "room")
        space = room(event, "spa")
        Resource.objects.filter(pk=space.pk).update(kind=Resource.Kind.SPACE)

        assert room_names(search()) == [["room"]]

    def test_a_venue_by_its_id_is_searched_as_its_place_is(self) -> None:
        here = stays("Goa", name="Here")
        room(here, "free")
        taken = room(here, "taken")
        hold(taken, D11)
        room(stays("Goa", name="Next door"))
        room(stays("Goa", name="Draft", status=Event.Status.DRAFT))

        found = stays_at_venue(
            venue_id=here.venue_id, check_in=D10, check_out=D13, guests=1, now=NOW
        )

        assert [(v.name, v.event) for v in found] == [("Here", here.slug)]
        assert room_names(found) == [["free"]]
        assert (
            stays_at_venue(venue_id=here.venue_id, check_in=D10, check_out=D13, guests=3, now=NOW)
            == []
        )  # the free room takes two
        draft = Event.objects.get(status=Event.Status.DRAFT)
        assert (
            stays_at_venue(venue_id=draft.venue_id, check_in=D10, check_out=D13, guests=1, now=NOW)
            == []
        )


class TestPrices:
    def test_prices_vary_per_night_and_add_up_to_the_total(self, api: Any) -> None:
        event = stays()
        a101 = room(event, price="100.00")
        Slot.objects.filter(pk=night(a101, D11).pk).update(price=Decimal("150.50"))

        [venue] = get(api).json()["venues"]

        [r] = venue["rooms"]
        assert [(n["date"], n["price"]) for n in r["nights"]] == [
            ("2030-03-10", "100.00"),
            ("2030-03-11", "150.50"),
            ("2030-03-12", "100.00"),
        ]
        assert r["total"] == venue["cheapest_total"] == "350.50"

    def test_venues_are_sorted_by_cheapest_total_and_paginated(self, api: Any) -> None:
        for name, price in [("Dear", "300.00"), ("Cheap", "100.00"), ("Middle", "200.00")]:
            event = stays(name=name)
            room(event, "dear room", price=str(Decimal(price) * 3))
            room(event, "the cheapest", price=price)

        first = get(api, page_size=2).json()
        second = get(api, page_size=2, page=2).json()
        beyond = get(api, page_size=2, page=3).json()

        assert [(v["name"], v["cheapest_total"]) for v in first["venues"]] == [
            ("Cheap", "300.00"),
            ("Middle", "600.00"),
        ]
        assert [v["name"] for v in second["venues"]] == ["Dear"]
        assert [r["name"] for r in second["venues"][0]["rooms"]] == ["the cheapest", "dear room"]
        assert (first["count"], first["pages"], second["page"]) == (3, 2, 2)
        assert (beyond["venues"], beyond["count"]) == ([], 3)

    def test_nothing_found_is_an_empty_page(self, api: Any) -> None:
        body = get(api, location="Atlantis").json()

        assert (body["count"], body["pages"], body["venues"]) == (0, 0, [])


class TestValidation:
    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"location": None}, "location"),
            ({"location": ""}, "location"),
            ({"location": "   "}, "location"),
            ({"location": "x" * 101}, "location"),
            ({"location": "Go\x00a"}, "location"),
            ({"check_in": None}, "check_in"),
            ({"check_out": None}, "check_out"),
            ({"check_in": "2030-02-30"}, "check_in"),
            ({"check_in": "tomorrow"}, "check_in"),
            ({"check_in": "2030-03-10T15:00:00"}, "check_in"),
            ({"check_out": "10/03/2030"}, "check_out"),
            ({"check_out": "2030-03-10"}, "check_out"),
            ({"check_out": "2030-03-09"}, "check_out"),
            ({"check_out": "2030-04-10"}, "check_out"),  # 31 nights
            ({"check_in": "2030-02-28", "check_out": "2030-03-02"}, "check_in"),
            ({"guests": "0"}, "guests"),
            ({"guests": "-1"}, "guests"),
            ({"guests": "21"}, "guests"),
            ({"guests": "two"}, "guests"),
            ({"guests": "1.5"}, "guests"),
            ({"guests": "9" * 60}, "guests"),
            ({"page": "0"}, "page"),
            ({"page": "-3"}, "page"),
            ({"page": "x"}, "page"),
            ({"page": "9" * 60}, "page"),
            ({"page_size": "0"}, "page_size"),
            ({"page_size": "51"}, "page_size"),
            ({"page_size": "ten"}, "page_size"),
        ],
    )
    def test_bad_input_is_a_validation_error_naming_the_field(
        self, api: Any, params: dict[str, Any], field: str
    ) -> None:
        answer = get(api, **params)

        assert answer.status_code == 400
        error = answer.json()["error"]
        assert answer.json()["ok"] is False
        assert error["code"] == "validation_error"
        assert field in error["fields"]

    @pytest.mark.parametrize("field", ["location", "check_in", "guests", "page"])
    def test_a_repeated_parameter_is_refused(self, api: Any, field: str) -> None:
        values = {"location": "Goa", "check_in": "2030-03-10", "guests": "2", "page": "1"}
        query = "check_out=2030-03-13&" + "&".join(f"{k}={v}" for k, v in values.items())
        query += f"&{field}={values[field]}"

        answer = api.get(f"{URL}?{query}")

        assert answer.status_code == 400
        assert answer.json()["error"]["fields"] == {field: ["Send this parameter once."]}

    def test_today_on_the_server_is_not_in_the_past(self, api: Any) -> None:
        room(stays(), first=date(2030, 3, 1), last=date(2030, 3, 1))

        answer = get(api, check_in="2030-03-01", check_out="2030-03-02")

        assert answer.status_code == 200
        assert answer.json()["count"] == 1

    def test_thirty_nights_is_the_longest_stay(self, api: Any) -> None:
        room(stays(), first=D10, last=D10 + timedelta(days=29))

        answer = get(api, check_out="2030-04-09", guests="20")

        assert answer.status_code == 200
        assert answer.json()["nights"] == 30
        assert answer.json()["count"] == 0  # a room for two, a party of twenty

    def test_defaults_and_limits(self, api: Any) -> None:
        room(stays())

        body = get(api, page_size="50", page="1").json()

        assert (body["guests"], body["page"], body["page_size"]) == (1, 1, 50)
        assert body["count"] == 1

    @pytest.mark.parametrize(
        "params",
        [
            {"location": "%_\\'; drop table inventory_venue; --"},
            {"location": "جدة"},
            {"location": "🏖️ beach"},
            {"check_in": "2100-12-01", "check_out": "2100-12-31"},  # the window's end
            {"guests": " 3 "},
            {"unknown": "ignored"},
        ],
    )
    def test_odd_but_valid_input_is_answered(self, api: Any, params: dict[str, Any]) -> None:
        room(stays())

        answer = get(api, **params)

        assert answer.status_code == 200
        assert answer.json()["ok"] is True


class TestQueries:
    def build(self, venues: int, rooms: int) -> None:
        for v in range(venues):
            event = stays(name=f"Venue {v}", time_zone=["Asia/Kolkata", "UTC"][v % 2])
            made = [room(event, f"room {r}", price=f"{100 + r}.00") for r in range(rooms)]
            hold(made[0], D11, now=NOW - timedelta(hours=1))  # expired, not swept

    @pytest.mark.parametrize(("venues", "rooms"), [(2, 2), (6, 5)])
    def test_a_fixed_number_of_queries(
        self, api: Any, django_assert_max_num_queries: Any, venues: int, rooms: int
    ) -> None:
        self.build(venues, rooms)

        # the search's three, then the page's venues (with their pictures and amenities) and
        # its rooms' pictures and amenities
        with django_assert_max_num_queries(3 + 5):
            answer = get(api, page_size="50")

        body = answer.json()
        assert body["count"] == venues
        assert {v["free_rooms"] for v in body["venues"]} == {rooms}

    def test_the_selector_makes_three_queries_at_most(self, django_assert_num_queries: Any) -> None:
        self.build(3, 3)

        with django_assert_num_queries(3):  # events, night slots, expired correction
            found = search()

        assert [v.free_rooms for v in found] == [3, 3, 3]
