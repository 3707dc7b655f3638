"""The inventory API's OpenAPI examples: events, availability, holds and stays."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample


# Pictures: the widest rendition as url, every rendition in srcset (content-hashed WebP,
# served immutable), alt text in English and Arabic; amenities from the vocabulary.
def _picture(digest: str, alt: str, alt_ar: str) -> dict[str, Any]:
    renditions = [
        {"url": f"/media/renditions/{digest}-{w}.webp", "width": w, "height": w * 9 // 16}
        for w in (320, 640, 1280)
    ]
    return {
        "url": renditions[-1]["url"], "width": 1280, "height": 720, "alt": alt, "alt_ar": alt_ar,
        "srcset": ", ".join(f"{r['url']} {r['width']}w" for r in renditions),
        "renditions": renditions,
    }  # fmt: skip


STAGE = _picture("5d0c2f6b9a1e44c7b3d2", "The main stage lit up at night, the crowd in front",
                 "المسرح الرئيسي مضاءً ليلاً والجمهور أمامه")  # fmt: skip
BEACH = _picture("9b3e0d7c1f2a48e6a5c4", "Palm trees on the beach in front of the resort at sunset",
                 "أشجار النخيل على الشاطئ أمام المنتجع عند الغروب")  # fmt: skip
SEA_ROOM = _picture("0e7d4b2a9c3f41d8b6a1", "A bright room with a king bed and a window on the sea",
                    "غرفة مشرقة بسرير كبير ونافذة على البحر")  # fmt: skip
WIFI = {"code": "wifi", "icon": "wifi", "label": "Free Wi-Fi", "label_ar": "واي فاي مجاني"}
POOL = {"code": "pool", "icon": "pool", "label": "Swimming pool", "label_ar": "مسبح"}
PARKING = {"code": "parking", "icon": "parking", "label": "Free parking",
           "label_ar": "موقف سيارات مجاني"}  # fmt: skip
SEA_VIEW = {"code": "sea-view", "icon": "view", "label": "Sea view", "label_ar": "إطلالة على البحر"}
NO_STAY_TIMES = {"check_in_time": None, "check_out_time": None}
RESORT_STAY = {"check_in_time": "14:00", "check_out_time": "11:00"}


EVENT: dict[str, Any] = {
    "slug": "summer-fest",
    "name": "Summer Fest",
    "kind": "festival",
    "status": "on_sale",
    "description": "Three stages by the sea.",
    "starts_at": "2026-12-05T14:00:00Z",
    "ends_at": "2026-12-05T23:00:00Z",
    "currency": "SAR",
    "language": "en",
    "allowlist_only": False,
    "hold_minutes": 10,
    "max_quantity_per_hold": 10,
    "pay_at_venue": False,
    "home_visit_fee": None,
    "home_visit_travel_minutes": 0,
    "service_area": [],
    "tax_rate": "15.00",
    "prices_include_tax": True,
    "venue": {
        "id": 3,
        "name": "Corniche Park",
        "city": "Jeddah",
        "address": "",
        "time_zone": "Asia/Riyadh",
        "country": "SA",
        **NO_STAY_TIMES,
        "images": [],
        "amenities": [PARKING],
    },
    "images": [STAGE],
}

EVENT_LIST = [OpenApiExample("List", value={"ok": True, "events": [EVENT]}, response_only=True)]

EVENT_DETAIL = [
    OpenApiExample(
        "Festival",
        value={
            "ok": True,
            **EVENT,
            "waiting_room": {"active": False, "opens_at": None},
            "resources": [
                {
                    "id": 12,
                    "kind": "ticket",
                    "name": "General admission",
                    "description": "",
                    "price": "150.00",
                    "section": "",
                    "row": "",
                    "number": None,
                    "guest_capacity": 1,
                    "units": 2000,
                    "attributes": {},
                    "images": [],
                    "amenities": [],
                }
            ],
            "sections": [
                {
                    "name": "Floor",
                    "label": "Floor",
                    "tier": "Gold",
                    "price": "450.00",
                    "rank": 1,
                    "map_row": 0,
                    "sort_order": 0,
                    "aisles_after": [6],
                },
                {
                    "name": "Grandstand",
                    "label": "Grandstand",
                    "tier": "Bronze",
                    "price": "250.00",
                    "rank": 3,
                    "map_row": 2,
                    "sort_order": 0,
                    "aisles_after": [5, 15],
                },
            ],
        },
        response_only=True,
    ),
    OpenApiExample(
        "Resort, net prices (18 % GST added per line)",
        value={
            "ok": True,
            **EVENT,
            "slug": "goa-palm-grove",
            "name": "Palm Grove Beach Resort",
            "kind": "stays",
            "currency": "INR",
            "tax_rate": "18.00",
            "prices_include_tax": False,
            "venue": {
                "id": 1,
                "name": "Palm Grove Beach Resort",
                "city": "Goa",
                "address": "Candolim Beach Road, North Goa",
                "time_zone": "Asia/Kolkata",
                "country": "IN",
                **RESORT_STAY,
                "images": [BEACH],
                "amenities": [WIFI, POOL, PARKING],
            },
            "images": [],
            "resources": [
                {
                    "id": 40,
                    "kind": "room",
                    "name": "Sea View Deluxe 1",
                    "description": "",
                    "price": "7500.00",
                    "section": "",
                    "row": "",
                    "number": None,
                    "guest_capacity": 2,
                    "units": 1,
                    "attributes": {"room_type": "Sea View Deluxe"},
                    "images": [SEA_ROOM],
                    "amenities": [SEA_VIEW, WIFI],
                }
            ],
        },
        response_only=True,
    ),
]

AVAILABILITY = [
    OpenApiExample(
        "Slots",
        value={
            "ok": True,
            "event": "summer-fest",
            "topic": "event:summer-fest:availability",
            "epoch": "8be3d82d",
            "seq": 118,
            "slots": [
                {
                    "id": 41,
                    "resource": 12,
                    "starts_at": "2026-12-05T14:00:00Z",
                    "ends_at": "2026-12-05T23:00:00Z",
                    "capacity": 2000,
                    "available": 1377,
                    "version": 623,
                    "price": "150.00",
                }
            ],
            "truncated": False,
        },
        response_only=True,
    )
]

HOLD = {
    "ok": True,
    "id": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
    "event": "summer-fest",
    "status": "active",
    "expires_at": "2026-11-21T18:10:00Z",
    "server_time": "2026-11-21T18:00:00Z",
    "remaining_seconds": 600,
    "extensions_left": 1,
    "items": [
        {
            "slot": 41,
            "quantity": 2,
            "resource": 12,
            "resource_name": "General admission",
            "starts_at": "2026-12-05T14:00:00Z",
            "ends_at": "2026-12-05T23:00:00Z",
            "unit_price": "150.00",
        }
    ],
    "total": "300.00",
    "currency": "SAR",
    "topic": "hold:3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
}

HOLD_CREATE = [
    OpenApiExample(
        "Two tickets",
        value={"event": "summer-fest", "items": [{"slot": 41, "quantity": 2}]},
        request_only=True,
    ),
    OpenApiExample("Held", value=HOLD, response_only=True, status_codes=["201"]),
    OpenApiExample(
        "Sold out",
        value={
            "ok": False,
            "error": {
                "code": "sold_out",
                "message": "Some of what you asked for is no longer available.",
                "slots": [{"id": 41, "requested": 2, "available": 1}],
            },
            "slots": [{"id": 41, "requested": 2, "available": 1}],
        },
        response_only=True,
        status_codes=["409"],
    ),
]

HOLD_LIST = [
    OpenApiExample("One running hold", value={"ok": True, "holds": [HOLD]}, response_only=True)
]

HOLD_DETAIL_GET = [OpenApiExample("Held", value=HOLD, response_only=True)]

HOLD_DETAIL_DELETE = [
    OpenApiExample(
        "Released",
        value={**HOLD, "status": "released", "remaining_seconds": 0},
        response_only=True,
    )
]

HOLD_EXTEND = [OpenApiExample("Extended", value={**HOLD, "extensions_left": 0}, response_only=True)]

STAY_SEARCH_RESULT: dict[str, Any] = {
    "ok": True,
    "location": "goa",
    "check_in": "2026-12-20",
    "check_out": "2026-12-22",
    "nights": 2,
    "guests": 3,
    "count": 1,
    "page": 1,
    "page_size": 10,
    "pages": 1,
    "venues": [
        {
            "id": 4,
            "name": "Beachside Resort",
            "city": "Goa",
            "address": "Calangute Beach Road",
            "time_zone": "Asia/Kolkata",
            "country": "IN",
            "event": "beachside-stays",
            "event_name": "Beachside Resort stays",
            "currency": "INR",
            "tax_rate": "18.00",
            "prices_include_tax": False,
            "free_rooms": 2,
            "cheapest_total": "23000.00",
            "cheapest_rooms": [101, 102],
            "rooms": [
                {
                    "id": 101,
                    "name": "A101",
                    "guest_capacity": 2,
                    "fits_party": False,
                    "slots": [9001, 9002],
                    "nights": [
                        {"date": "2026-12-20", "slot": 9001, "price": "7500.00"},
                        {"date": "2026-12-21", "slot": 9002, "price": "8500.00"},
                    ],
                    "total": "16000.00",
                    "currency": "INR",
                    "amenities": ["sea view", "wifi"],
                    "amenity_list": [SEA_VIEW, WIFI],
                    "images": [SEA_ROOM],
                    "attributes": {"amenities": ["sea view", "wifi"]},
                },
                {
                    "id": 102,
                    "name": "A102",
                    "guest_capacity": 1,
                    "fits_party": False,
                    "slots": [9011, 9012],
                    "nights": [
                        {"date": "2026-12-20", "slot": 9011, "price": "3500.00"},
                        {"date": "2026-12-21", "slot": 9012, "price": "3500.00"},
                    ],
                    "total": "7000.00",
                    "currency": "INR",
                    "amenities": [],
                    "amenity_list": [],
                    "images": [],
                    "attributes": {},
                },
            ],
            "images": [BEACH],
            "amenities": [WIFI, POOL, PARKING],
            **RESORT_STAY,
        }
    ],
}

STAY_SEARCH = [
    OpenApiExample(
        "Goa, two nights, three guests",
        value=STAY_SEARCH_RESULT,
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Check-out before check-in",
        value={
            "ok": False,
            "error": {
                "code": "validation_error",
                "message": "Some fields are not valid.",
                "fields": {"check_out": ["Check-out must be after check-in."]},
            },
        },
        response_only=True,
        status_codes=["400"],
    ),
]

VENUE_DETAIL = [
    OpenApiExample(
        "Repair shop",
        value={
            "ok": True,
            "id": 5,
            "name": "RepairMyBike Service Centre",
            "address": "100 Feet Road, Indiranagar, Bengaluru 560038",
            "city": "Bengaluru",
            "time_zone": "Asia/Kolkata",
            "country": "IN",
            "contact_phone": "+91 80 4000 1234",
            "contact_email": "service@repairmybike.example",
            "opening_hours": [
                {"weekday": 0, "opens": "09:00", "closes": "13:00"},
                {"weekday": 0, "opens": "14:00", "closes": "18:00"},
                {"weekday": 5, "opens": "09:00", "closes": "13:00"},
            ],
            "images": [
                {
                    "url": "/static/inventory/venues/repair-shop-front.svg",
                    "width": None,
                    "height": None,
                    "alt": "The shop front with its three bays",
                    "alt_ar": "واجهة الورشة بأماكن الخدمة الثلاثة",
                    "srcset": "",
                    "renditions": [],
                }
            ],
            "amenities": [
                {
                    "code": "waiting-lounge",
                    "icon": "coffee",
                    "label": "Waiting lounge",
                    "label_ar": "صالة انتظار",
                },
            ],
            **NO_STAY_TIMES,
            "events": [
                {"slug": "repair-shop", "name": "Bike service appointments", "kind": "service"}
            ],
        },
        response_only=True,
    )
]
