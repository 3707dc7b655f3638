"""Stay search: the venues of a place with rooms free for every night of a stay.

Decisions (the API documents them too):

* **Place**: the venue's city in English or Arabic, matched as a *prefix*, or the venue's or
  the stays event's name in either language, matched from the start of any of its words.
  Both sides are folded by ``backend.core.text_search.search_key``: case, accents, Arabic
  tashkeel, alef forms, taa marbuta, alef maksura and runs of whitespace do not count, and an
  Arabic word matches with or without its article. "goa", "Go" and " GOA " find the city
  "Goa", "riy" finds "Riyadh", "جده" and "جدة" find "Jeddah" (جدة), "corn" finds "North
  Corniche Resort"; the city "North Goa" is not found by "goa" (a city is typed from its
  start), though a venue *named* "… Goa" is. The stays events on sale are few (one per
  resort), so they are matched in Python, where the folding is the same on every database.
* **Nights**: check-out is the departure day, so the nights are check_in … check_out - 1.
  The night of date D is the room's slot whose start falls on D in the venue's time zone.
  A room is free when it has, for every night, a slot with at least one unit available
  (``capacity - sold - held + expired``, see ``selectors.expired_units``) that has not
  ended. A missing slot means not free.
* **Party**: every free room is listed with ``fits_party`` (it alone takes the party); a
  venue is kept only if its free rooms together take the party (sum of guest capacities
  >= guests). Its ``cheapest_total`` is the least that houses the whole party: the cheapest
  set of free rooms whose capacities add up to the party (one room when one fits and
  nothing cheaper does), found exactly (a small knapsack: at most 20 guests); the rooms of
  that set are ``cheapest_rooms``, fewest rooms on a tie.
* **Venues**: one entry per stays event on sale (a hold is for one event; a venue with two
  stays events on sale appears twice), sorted by cheapest total, then venue name.

Queries: the events (with their venues), the night slots of all their rooms (with the
rooms), and, only if some of those slots look taken, the expired-hold correction: three at
most, however many venues, rooms and nights.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import translation

from backend.core.text_search import matches_prefix, matches_word, search_key
from backend.inventory.models import Event, Resource, Slot
from backend.inventory.selectors.slots import expired_units

logger = logging.getLogger(__name__)

MAX_NIGHTS = 30
MAX_GUESTS = 20
# Above this many slot ids, ask for every expired-but-unswept hold instead of naming the
# slots (an IN list that long is slow, and databases cap the parameters of one statement).
EXPIRED_BY_ID_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Night:
    date: date
    slot: int
    price: Decimal


@dataclass(frozen=True, slots=True)
class RoomStay:
    id: int
    name: str
    guest_capacity: int
    fits_party: bool
    nights: tuple[Night, ...]
    total: Decimal
    currency: str
    amenities: tuple[str, ...]
    attributes: dict[str, Any]
    sort_order: int

    @property
    def slots(self) -> list[int]:
        """What to hold: ``POST /api/holds/`` with one item of quantity 1 per slot."""
        return [night.slot for night in self.nights]


@dataclass(frozen=True, slots=True)
class VenueStays:
    id: int
    name: str
    city: str
    address: str
    time_zone: str
    country: str  # where phone numbers typed for it are read
    event: str  # the stays event's slug, to hold with
    event_name: str
    currency: str
    rooms: tuple[RoomStay, ...]
    cheapest_total: Decimal
    cheapest_rooms: tuple[int, ...]
    # The event's tax: with net prices, each night is charged its price plus the tax.
    tax_rate: Decimal = Decimal(0)
    prices_include_tax: bool = True

    @property
    def free_rooms(self) -> int:
        return len(self.rooms)


def normalize_location(location: str) -> str:
    return " ".join(location.split())


def _cities(event: Event) -> list[str]:
    venue = event.venue
    return [c for c in (venue.city_en, venue.city_ar) if c]  # type: ignore[attr-defined]


def _names(event: Event) -> list[str]:
    venue = event.venue
    names = (venue.name_en, venue.name_ar, event.name_en, event.name_ar)  # type: ignore[attr-defined]
    return [n for n in names if n]


def place_matches(place: str, event: Event) -> bool:
    """Whether a stays event is in (or named like) the place someone typed (see above)."""
    return any(matches_prefix(place, city) for city in _cities(event)) or any(
        matches_word(place, name) for name in _names(event)
    )


def _stays_on_sale() -> list[Event]:
    return list(
        Event.objects.filter(kind=Event.Kind.STAYS, status=Event.Status.ON_SALE)
        .select_related("venue")
        .order_by("id")
    )


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str  # "city" or "venue"
    label: str  # in the active language
    location: str  # what to search with
    city: str  # the venue's city, in the active language (a city: itself)
    country: str


def stay_suggestions(*, query: str, limit: int = 8) -> list[Suggestion]:
    """The cities and venues of stays on sale that ``query`` finds (as ``stays_search``
    would), in the active language: cities first, then venues, each alphabetically. One
    query; no availability is checked (that needs dates)."""
    if not search_key(query):
        return []
    cities: dict[str, Suggestion] = {}
    venues: dict[str, Suggestion] = {}
    for event in _stays_on_sale():
        venue = event.venue
        if any(matches_prefix(query, city) for city in _cities(event)):
            cities.setdefault(
                search_key(venue.city),
                Suggestion("city", venue.city, venue.city, venue.city, venue.country),
            )
        if any(matches_word(query, name) for name in _names(event)):
            venues.setdefault(
                f"{search_key(venue.name)}|{venue.pk}",
                Suggestion("venue", venue.name, venue.name, venue.city, venue.country),
            )
    found = sorted(cities.values(), key=lambda s: search_key(s.label)) + sorted(
        venues.values(), key=lambda s: search_key(s.label)
    )
    return found[:limit]


def stay_nights(check_in: date, check_out: date) -> list[date]:
    """The nights of a stay: check-out is the departure day, not a night."""
    return [check_in + timedelta(days=n) for n in range((check_out - check_in).days)]


def stays_search(
    *, location: str, check_in: date, check_out: date, guests: int, now: datetime
) -> list[VenueStays]:
    """Every stays event on sale in ``location`` with rooms free for the whole stay that
    together take ``guests``, cheapest first. Pure reads; the caller validates the input."""
    place = normalize_location(location)
    if not place:
        return []
    events = [event for event in _stays_on_sale() if place_matches(place, event)]
    return _stays_of(events, check_in=check_in, check_out=check_out, guests=guests, now=now)


def stays_at_venue(
    *, venue_id: int, check_in: date, check_out: date, guests: int, now: datetime
) -> list[VenueStays]:
    """``stays_search`` for one venue, named by its id instead of a place (a client that
    picked a resort from a search books its rooms by the venue's id)."""
    events = [event for event in _stays_on_sale() if event.venue_id == venue_id]
    return _stays_of(events, check_in=check_in, check_out=check_out, guests=guests, now=now)


def _stays_of(
    events: list[Event], *, check_in: date, check_out: date, guests: int, now: datetime
) -> list[VenueStays]:
    nights = stay_nights(check_in, check_out)
    if not nights or not events:
        return []
    zones: dict[int, zoneinfo.ZoneInfo] = {}
    for event in events:
        zone = _zone(event.venue.time_zone)
        if zone is None:
            logger.warning("Venue %s has an unknown time zone; skipped", event.venue_id)
        else:
            zones[event.pk] = zone
    if not zones:
        return []

    rooms = _free_rooms(zones, nights, now)
    found = []
    for event in events:
        if event.pk in zones:
            venue = _venue_stays(event, rooms.get(event.pk, []), nights, guests)
            if venue is not None:
                found.append(venue)
    found.sort(key=lambda v: (v.cheapest_total, v.name.casefold(), v.id, v.event))
    return found


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(slots=True)
class _Room:
    id: int
    event: int
    name: str
    price: Decimal
    guest_capacity: int
    attributes: Any
    sort_order: int
    nights: dict[date, tuple[int, Decimal]]  # night -> (slot, price) of a free slot


def _free_rooms(
    zones: dict[int, zoneinfo.ZoneInfo], nights: list[date], now: datetime
) -> dict[int, list[_Room]]:
    """Per event, its rooms with a free slot for every night (two queries at most)."""
    first, end = nights[0], nights[-1] + timedelta(days=1)
    events_by_zone: dict[zoneinfo.ZoneInfo, list[int]] = defaultdict(list)
    for event_id, zone in zones.items():
        events_by_zone[zone].append(event_id)
    window = Q()
    for zone, event_ids in events_by_zone.items():
        window |= Q(
            resource__event_id__in=event_ids,
            starts_at__gte=datetime.combine(first, time.min, zone),
            starts_at__lt=datetime.combine(end, time.min, zone),
        )
    rows = list(
        Slot.objects.filter(window, resource__kind=Resource.Kind.ROOM, ends_at__gt=now)
        .order_by("starts_at", "id")
        .values_list(
            "id", "starts_at", "capacity", "sold", "held", "price",
            "resource_id", "resource__event_id", "resource__name_en", "resource__name_ar",
            "resource__price",
            "resource__guest_capacity", "resource__attributes", "resource__sort_order",
        )
    )  # fmt: skip
    taken = [row[0] for row in rows if row[2] - row[3] - row[4] < 1]
    expired: dict[int, int] = {}
    if len(taken) > EXPIRED_BY_ID_LIMIT:
        expired = expired_units(now=now)
    elif taken:
        expired = expired_units(now=now, slot_ids=taken)

    arabic = translation.get_language() == "ar"
    rooms: dict[int, _Room] = {}
    for (
        slot_id, starts_at, capacity, sold, held, price,
        room_id, event_id, name_en, name_ar, room_price, guest_capacity, attributes, sort_order,
    ) in rows:  # fmt: skip
        room = rooms.get(room_id)
        if room is None:
            name = (name_ar if arabic and name_ar else name_en) or ""
            room = rooms[room_id] = _Room(
                room_id, event_id, name, room_price, guest_capacity, attributes, sort_order, {}
            )
        night = starts_at.astimezone(zones[event_id]).date()
        if night in room.nights or capacity - sold - held + expired.get(slot_id, 0) < 1:
            continue  # the earliest free slot of a night is the one offered
        room.nights[night] = (slot_id, price if price is not None else room_price)

    free: dict[int, list[_Room]] = defaultdict(list)
    for room in rooms.values():
        if len(room.nights) == len(nights):
            free[room.event].append(room)
    return free


def _venue_stays(
    event: Event, rooms: list[_Room], nights: list[date], guests: int
) -> VenueStays | None:
    if sum(room.guest_capacity for room in rooms) < guests:
        return None
    stays = sorted(
        (_room_stay(room, nights, guests, event.currency) for room in rooms),
        key=lambda r: (r.total, r.sort_order, r.id),
    )
    total, chosen = _cheapest_cover(stays, guests)
    venue = event.venue
    return VenueStays(
        id=venue.pk,
        name=venue.name,
        city=venue.city,
        address=venue.address,
        time_zone=venue.time_zone,
        country=venue.phone_region,
        event=event.slug,
        event_name=event.name,
        currency=event.currency,
        rooms=tuple(stays),
        cheapest_total=total,
        cheapest_rooms=chosen,
        tax_rate=event.tax_rate,
        prices_include_tax=event.prices_include_tax,
    )


def _room_stay(room: _Room, nights: list[date], guests: int, currency: str) -> RoomStay:
    stay = tuple(Night(night, *room.nights[night]) for night in nights)
    attributes = room.attributes if isinstance(room.attributes, dict) else {}
    amenities = attributes.get("amenities")
    return RoomStay(
        id=room.id,
        name=room.name,
        guest_capacity=room.guest_capacity,
        fits_party=room.guest_capacity >= guests,
        nights=stay,
        total=sum((night.price for night in stay), Decimal("0.00")),
        currency=currency,
        amenities=tuple(a for a in amenities if isinstance(a, str))
        if isinstance(amenities, list)
        else (),
        attributes=attributes,
        sort_order=room.sort_order,
    )


def _cheapest_cover(rooms: Sequence[RoomStay], guests: int) -> tuple[Decimal, tuple[int, ...]]:
    """The cheapest set of rooms taking ``guests`` people (fewest rooms on a tie).

    best[g] is the cheapest way to house at least g people, g capped at ``guests``; each
    room is used at most once (0/1 knapsack). The caller made sure a cover exists.
    """
    best: list[tuple[Decimal, int, tuple[int, ...]] | None] = [None] * (guests + 1)
    best[0] = (Decimal("0.00"), 0, ())
    for room in rooms:
        if room.guest_capacity < 1:
            continue
        for taken in range(guests, -1, -1):  # downwards: each room once
            base = best[taken]
            if base is None:
                continue
            reach = min(guests, taken + room.guest_capacity)
            candidate = (base[0] + room.total, base[1] + 1, (*base[2], room.id))
            current = best[reach]
            if current is None or candidate[:2] < current[:2]:
                best[reach] = candidate
    cover = best[guests]
    assert cover is not None, "the caller checks that the rooms take the party"
    return cover[0], cover[2]
