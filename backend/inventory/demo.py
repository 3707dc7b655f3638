"""Demo inventory for the five scenarios of DESIGN.md, loaded by ``manage.py demo``.

Every loader is idempotent: venues, events and resources are found by their natural keys and
slots come from the generators, which create what is missing and leave touched slots alone.
Dates are relative to the day the loader runs, so a demo loaded today still has slots to
book next week. Each loader returns one line describing what is there.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.inventory.demo_pictures import load_pictures
from backend.inventory.models import Event, Resource, Slot, Venue, VenueImage
from backend.inventory.services.seats import seat_section_set
from backend.inventory.services.slots import (
    seats_generate,
    slots_for_nights,
    slots_for_opening_hours,
    slots_for_time_ranges,
    slots_for_whole_event,
)
from backend.inventory.services.venues import venue_opening_hours_set

VIP_PHONES = [f"+96650000000{n}" for n in range(1, 6)]


def _today(zone_name: str) -> date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(zone_name)).date()


def _at(day: date, hour: int, minute: int, zone_name: str) -> datetime:
    return datetime.combine(day, time(hour, minute), zoneinfo.ZoneInfo(zone_name))


COUNTRIES = {"Asia/Riyadh": "SA", "Asia/Kolkata": "IN"}  # the demo venues' zones


def _venue(name: str, city: str, address: str, time_zone: str) -> Venue:
    venue, _ = Venue.objects.update_or_create(
        name=name,
        city=city,
        defaults={"address": address, "time_zone": time_zone, "country": COUNTRIES[time_zone]},
    )
    return venue


def _event(slug: str, **fields: Any) -> Event:
    """The event by slug; on a re-run only its dates move forward with the calendar."""
    dates = {"starts_at": fields.pop("starts_at"), "ends_at": fields.pop("ends_at")}
    event, created = Event.objects.get_or_create(slug=slug, defaults={**fields, **dates})
    if not created:
        event.starts_at = min(event.starts_at, dates["starts_at"])
        event.ends_at = max(event.ends_at, dates["ends_at"])
        event.save(update_fields=["starts_at", "ends_at"])
    return event


def _resource(event: Event, name: str, kind: str, **fields: Any) -> Resource:
    resource, _ = Resource.objects.get_or_create(event=event, name=name, kind=kind, defaults=fields)
    return resource


def _slot_count(event: Event) -> int:
    return Slot.objects.filter(resource__event=event).count()


def load_vip_evening() -> str:
    """An exclusive evening in Riyadh: Arabic first, allowlist only, arrival slots."""
    zone = "Asia/Riyadh"
    day = _today(zone) + timedelta(days=7)
    venue = _venue("فيلا النخيل", "Riyadh", "Diplomatic Quarter, Riyadh", zone)
    event = _event(
        "vip-evening",
        name="أمسية كبار الضيوف",
        kind=Event.Kind.VIP,
        venue=venue,
        description="أمسية خاصة بالدعوة فقط. اختر موعد وصولك.",
        starts_at=_at(day, 19, 0, zone),
        ends_at=_at(day, 23, 0, zone),
        status=Event.Status.ON_SALE,
        currency="SAR",
        language="ar",
        allowlist_only=True,
        max_quantity_per_hold=1,
    )
    arrival = _resource(
        event, "موعد الوصول", Resource.Kind.SPACE, units=8, guest_capacity=1, price=Decimal(0)
    )
    slots_for_time_ranges(arrival, first_day=day, last_day=day, opening=time(19), closing=time(22))
    for number, phone in enumerate(VIP_PHONES, start=1):
        AllowlistEntry.objects.get_or_create(
            event=event, phone=phone, defaults={"name": f"ضيف {number}"}
        )
    # One guest has already booked, so the "already booked" refusal can be tried.
    AllowlistEntry.objects.filter(event=event, phone=VIP_PHONES[-1], booked_at__isnull=True).update(
        booked_at=timezone.now()
    )
    return (
        f"VIP evening /events/{event.slug}: {_slot_count(event)} arrival slots, "
        f"{len(VIP_PHONES)} invited phones ({', '.join(VIP_PHONES[:-1])}; "
        f"{VIP_PHONES[-1]} has booked)"
    )


RESORTS: list[dict[str, Any]] = [
    {
        "slug": "goa-palm-grove",
        "name": "Palm Grove Beach Resort",
        "city": "Goa",
        "address": "Candolim Beach Road, North Goa",
        "rooms": [
            ("Sea View Deluxe", 2, "7500.00", 3),
            ("Garden Cottage", 3, "5200.00", 2),
            ("Family Suite", 4, "11800.00", 2),
        ],
    },
    {
        "slug": "dandeli-river-lodge",
        "name": "Kali River Jungle Lodge",
        "city": "Dandeli",
        "address": "Ganeshgudi, Dandeli, Karnataka",
        "rooms": [
            ("Riverside Tent", 2, "4200.00", 3),
            ("Treehouse", 2, "6900.00", 1),
            ("Forest Villa", 5, "12500.00", 2),
        ],
    },
]
RESORT_NIGHTS = 90


def load_resorts() -> str:
    """Two resorts in two cities, rooms by the night for the next 90 nights, in rupees."""
    zone = "Asia/Kolkata"
    first = _today(zone)
    last = first + timedelta(days=RESORT_NIGHTS - 1)
    lines = []
    for spec in RESORTS:
        venue = _venue(spec["name"], spec["city"], spec["address"], zone)
        event = _event(
            spec["slug"],
            name=spec["name"],
            kind=Event.Kind.STAYS,
            venue=venue,
            description=f"Rooms at {spec['name']}, {spec['city']}.",
            starts_at=_at(first, 15, 0, zone),
            ends_at=_at(last + timedelta(days=1), 11, 0, zone),
            status=Event.Status.ON_SALE,
            currency="INR",
            hold_minutes=15,
            max_quantity_per_hold=RESORT_NIGHTS,
        )
        order = 0
        for room_type, guests, price, count in spec["rooms"]:
            for number in range(1, count + 1):
                order += 1
                room = _resource(
                    event,
                    f"{room_type} {number}",
                    Resource.Kind.ROOM,
                    guest_capacity=guests,
                    price=Decimal(price),
                    sort_order=order,
                    attributes={"room_type": room_type},
                )
                slots_for_nights(room, first_night=first, last_night=last)
        lines.append(f"{spec['city']} ({order} rooms)")
    return f"Resorts: {', '.join(lines)}, {RESORT_NIGHTS} nights each; search /api/search/stays/"


MEETING_ROOMS = [
    ("Majlis Room", 8, "120.00"),
    ("Focus Room", 4, "60.00"),
    ("Board Room", 14, "200.00"),
]


def load_meeting_rooms() -> str:
    """Three rooms in 30-minute slots from 09:00 to 18:00 for the next 14 days."""
    zone = "Asia/Riyadh"
    first = _today(zone)
    last = first + timedelta(days=13)
    venue = _venue("Gatehouse Workspace", "Riyadh", "King Fahd Road, Riyadh", zone)
    event = _event(
        "meeting-rooms",
        name="Meeting rooms",
        kind=Event.Kind.ROOMS,
        venue=venue,
        description="Book a room by the half hour; several slots in a row for longer meetings.",
        starts_at=_at(first, 9, 0, zone),
        ends_at=_at(last, 18, 0, zone),
        status=Event.Status.ON_SALE,
        currency="SAR",
        hold_minutes=30,
        max_quantity_per_hold=18,
    )
    for order, (name, seats, price) in enumerate(MEETING_ROOMS, start=1):
        room = _resource(
            event, name, Resource.Kind.SPACE, guest_capacity=seats, price=Decimal(price),
            sort_order=order,
        )  # fmt: skip
        slots_for_time_ranges(
            room, first_day=first, last_day=last, opening=time(9), closing=time(18)
        )
    return f"Meeting rooms /events/{event.slug}: {_slot_count(event)} half-hour slots"


TICKET_TYPES = [
    ("General Admission", 1500, "150.00"),
    ("Early Bird", 300, "99.00"),
    ("VIP Lounge", 100, "650.00"),
]


@dataclass(frozen=True)
class DemoSection:
    name: str
    name_ar: str
    tier: str
    tier_ar: str
    price: str
    rank: int
    map_row: int
    sort_order: int
    rows: str
    per_row: int
    aisles_after: tuple[int, ...] = ()


# The festival's seated arena, nearest the stage first: a gold floor split by an aisle, two
# silver terraces side by side, and the bronze grandstand with two aisles.
SEAT_SECTIONS = [
    DemoSection("Floor", "الأرضية", "Gold", "ذهبية", "450.00", 1, 0, 0, "ABC", 12, (6,)),
    DemoSection("West", "الغربي", "Silver", "فضية", "350.00", 2, 1, 0, "ABCD", 8),
    DemoSection("East", "الشرقي", "Silver", "فضية", "350.00", 2, 1, 1, "ABCD", 8),
    DemoSection(
        "Grandstand", "المدرج", "Bronze", "برونزية", "250.00", 3, 2, 0, "ABCDEFGHIJ", 20, (5, 15)
    ),
]


def load_festival() -> str:
    """A festival over two evenings: three ticket types with quotas and a seated arena of
    four sections in three price tiers, each a pass for both days (one slot over the whole
    festival)."""
    zone = "Asia/Riyadh"
    day = _today(zone) + timedelta(days=30)
    venue = _venue("Corniche Arena", "Jeddah", "North Corniche, Jeddah", zone)
    event = _event(
        "summer-fest",
        name="Gatehouse Summer Fest",
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        description="Two evenings of music, from the afternoon to midnight. General admission "
        "or a grandstand seat, each good for both days.",
        starts_at=_at(day, 16, 0, zone),
        ends_at=_at(day + timedelta(days=1), 23, 59, zone),
        status=Event.Status.ON_SALE,
        currency="SAR",
        max_quantity_per_hold=10,
    )
    for order, (name, quota, price) in enumerate(TICKET_TYPES, start=1):
        ticket = _resource(
            event, name, Resource.Kind.TICKET, units=quota, price=Decimal(price),
            sort_order=order,
        )  # fmt: skip
        slots_for_whole_event(ticket)
    for section in SEAT_SECTIONS:
        seat_section_set(
            event=event, name=section.name, name_ar=section.name_ar, tier=section.tier,
            tier_ar=section.tier_ar, price=Decimal(section.price), rank=section.rank,
            map_row=section.map_row, sort_order=section.sort_order,
            aisles_after=section.aisles_after,
        )  # fmt: skip
        seats_generate(
            event, section=section.name, rows=section.rows, seats_per_row=section.per_row,
            price=Decimal(section.price), whole_event=True,
        )  # fmt: skip
    seats = event.resources.filter(kind=Resource.Kind.SEAT).count()
    return (
        f"Festival /events/{event.slug}: {len(TICKET_TYPES)} ticket types, {seats} seats in "
        f"{len(SEAT_SECTIONS)} sections"
    )


REPAIR_BAYS = 3
# Monday to Saturday 09:00-13:00 and 14:00-18:00 (lunch in between); closed on Sunday.
REPAIR_HOURS = [
    (weekday, opens, closes)
    for weekday in range(6)
    for opens, closes in [(time(9), time(13)), (time(14), time(18))]
]
REPAIR_IMAGES = [
    (
        "/static/inventory/venues/repair-shop-front.svg",
        "The shop front with its three service bays",
        "واجهة الورشة بأماكن الخدمة الثلاثة",
    ),
    (
        "/static/inventory/venues/repair-shop-bay.svg",
        "A motorcycle on the lift in a service bay",
        "دراجة نارية على الرافعة في مكان الخدمة",
    ),
]


def load_repair_shop() -> str:
    """A repair shop with three bays: hourly appointments within its opening hours (Monday
    to Saturday 09:00-18:00 with an hour for lunch, closed on Sunday) for 14 days; its
    contact and pictures for its page."""
    zone = "Asia/Kolkata"
    first = _today(zone)
    last = first + timedelta(days=13)
    venue = _venue("RepairMyBike Service Centre", "Bengaluru", "Indiranagar, Bengaluru", zone)
    Venue.objects.filter(pk=venue.pk, contact_phone="", contact_email="").update(
        contact_phone="+91 80 4000 1234", contact_email="service@repairmybike.example"
    )
    if not venue.opening_hours.exists():  # staff's own hours stay as they set them
        venue_opening_hours_set(venue=venue, ranges=REPAIR_HOURS)
    for order, (url, alt, alt_ar) in enumerate(REPAIR_IMAGES, start=1):
        VenueImage.objects.get_or_create(
            venue=venue, url=url, defaults={"alt": alt, "alt_ar": alt_ar, "sort_order": order}
        )
    event = _event(
        "repair-shop",
        name="Bike service appointments",
        kind=Event.Kind.SERVICE,
        venue=venue,
        description="Book a bay for your scooter or motorcycle, at the shop or at home.",
        starts_at=_at(first, 9, 0, zone),
        ends_at=_at(last, 18, 0, zone),
        status=Event.Status.ON_SALE,
        currency="INR",
        # An appointment takes as many consecutive hours of a bay as its services need.
        max_quantity_per_hold=8,
        pay_at_venue=True,
        home_visit_fee=Decimal("199.00"),
        home_visit_travel_minutes=30,
        service_area=["Bengaluru", "560008", "560038", "560071", "560095"],
    )
    bays = _resource(
        event, "Service bays", Resource.Kind.SERVICE, units=REPAIR_BAYS, price=Decimal("499.00")
    )
    slots_for_opening_hours(bays, first_day=first, last_day=last, length=timedelta(hours=1))
    return (
        f"Repair shop /events/{event.slug}: {_slot_count(event)} hourly slots in its opening "
        f"hours, {REPAIR_BAYS} bays; its page /api/venues/{venue.pk}/"
    )


# The Arabic of every name guests read (django-modeltranslation's *_ar columns); the English
# stays in the base columns the loaders above find things by. A name staff already gave an
# Arabic value keeps it.
VENUES_AR: dict[str, dict[str, str]] = {
    "فيلا النخيل": {"name": "فيلا النخيل", "city": "الرياض", "address": "الحي الدبلوماسي، الرياض"},
    "Palm Grove Beach Resort": {
        "name": "منتجع بالم جروف الشاطئي",
        "city": "غوا",
        "address": "طريق شاطئ كاندوليم، شمال غوا",
    },
    "Kali River Jungle Lodge": {
        "name": "نُزُل غابة نهر كالي",
        "city": "دانديلي",
        "address": "غانيشغودي، دانديلي، كارناتاكا",
    },
    "Gatehouse Workspace": {
        "name": "مساحة عمل جيت هاوس",
        "city": "الرياض",
        "address": "طريق الملك فهد، الرياض",
    },
    "Corniche Arena": {"name": "ساحة الكورنيش", "city": "جدة", "address": "الكورنيش الشمالي، جدة"},
    "RepairMyBike Service Centre": {
        "name": "مركز ريبير ماي بايك للصيانة",
        "city": "بنغالور",
        "address": "إنديراناغار، بنغالور",
    },
}
EVENTS_AR: dict[str, dict[str, str]] = {
    "vip-evening": {
        "name": "أمسية كبار الضيوف",
        "description": "أمسية خاصة بالدعوة فقط. اختر موعد وصولك.",
    },
    "goa-palm-grove": {
        "name": "منتجع بالم جروف الشاطئي",
        "description": "غرف في منتجع بالم جروف الشاطئي، غوا.",
    },
    "dandeli-river-lodge": {
        "name": "نُزُل غابة نهر كالي",
        "description": "غرف في نُزُل غابة نهر كالي، دانديلي.",
    },
    "meeting-rooms": {
        "name": "غرف الاجتماعات",
        "description": "احجز غرفة بنصف الساعة؛ وعدة فترات متتالية للاجتماعات الأطول.",
    },
    "summer-fest": {
        "name": "مهرجان جيت هاوس الصيفي",
        "description": "أمسيتان من الموسيقى، من العصر حتى منتصف الليل. دخول عام أو مقعد في المدرج، "
        "وكلاهما صالح لليومين.",
    },
    "repair-shop": {
        "name": "مواعيد صيانة الدراجات",
        "description": "احجز مكان خدمة لدراجتك البخارية أو النارية، في الورشة أو في منزلك.",
    },
}
RESOURCES_AR: dict[str, str] = {
    "موعد الوصول": "موعد الوصول",
    "Sea View Deluxe": "ديلوكس بإطلالة على البحر",
    "Garden Cottage": "كوخ الحديقة",
    "Family Suite": "جناح عائلي",
    "Riverside Tent": "خيمة على ضفة النهر",
    "Treehouse": "بيت الشجرة",
    "Forest Villa": "فيلا الغابة",
    "Majlis Room": "غرفة المجلس",
    "Focus Room": "غرفة التركيز",
    "Board Room": "قاعة مجلس الإدارة",
    "General Admission": "دخول عام",
    "Early Bird": "الحجز المبكر",
    "VIP Lounge": "صالة كبار الضيوف",
    "Service bays": "أماكن الخدمة",
}


def _arabic_room(name: str) -> str | None:
    """A room's Arabic name: its type's, with the same number ("Treehouse 1": "بيت الشجرة 1")."""
    if name in RESOURCES_AR:
        return RESOURCES_AR[name]
    kind, _, number = name.rpartition(" ")
    if kind in RESOURCES_AR and number.isdigit():
        return f"{RESOURCES_AR[kind]} {number}"
    return None


def load_arabic_names() -> str:
    """Arabic names, cities, addresses and descriptions for the demo's venues, events, ticket
    types, rooms and bays (only where none was given)."""
    filled = 0
    for venue in Venue.objects.filter(name_en__in=VENUES_AR):
        for field, value in VENUES_AR[venue.name_en].items():  # type: ignore[attr-defined]
            if not getattr(venue, f"{field}_ar"):
                setattr(venue, f"{field}_ar", value)
                filled += 1
        venue.save()
    for event in Event.objects.filter(slug__in=EVENTS_AR):
        for field, value in EVENTS_AR[event.slug].items():
            if not getattr(event, f"{field}_ar"):
                setattr(event, f"{field}_ar", value)
                filled += 1
        event.save()
        for resource in event.resources.exclude(kind=Resource.Kind.SEAT).filter(
            name_ar__isnull=True
        ):
            arabic = _arabic_room(resource.name_en)  # type: ignore[attr-defined]
            if arabic:
                Resource.objects.filter(pk=resource.pk).update(name_ar=arabic)
                filled += 1
    return f"Arabic names: {filled} filled in (venues, events, ticket types, rooms)"


LOADERS = [
    load_vip_evening, load_resorts, load_meeting_rooms, load_festival, load_repair_shop,
    load_arabic_names, load_pictures,
]  # fmt: skip
