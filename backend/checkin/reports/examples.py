"""OpenAPI examples of the staff's figures and the bookings export."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

_HEAD = {"ok": True, "currency": "SAR", "time_zone": "Asia/Riyadh", "today": "2026-12-18"}
_SALES = {"bookings": 3, "gross": "1150.00", "refunded": "150.00", "net": "1000.00"}

FESTIVAL = {
    **_HEAD,
    "event": "desert-beats",
    "kind": "festival",
    "sales": {**_SALES, "tickets": 6, "capacity": 120, "left": 113},
    "ticket_types": [
        {
            "key": "resource:12",
            "name": "General admission",
            "kind": "ticket",
            "sold": 4,
            "gross": "600.00",
            "net": "450.00",
            "capacity": 100,
            "left": 95,
        },
        {
            "key": "section:Gold",
            "name": "Gold",
            "kind": "seat",
            "sold": 2,
            "gross": "550.00",
            "net": "550.00",
            "capacity": 20,
            "left": 18,
        },
    ],
    "granularity": "day",
    "timeline": [
        {"at": "2026-12-16", "sold": 2, "net": "300.00"},
        {"at": "2026-12-17", "sold": 4, "net": "700.00"},
    ],
}

STAYS = {
    **_HEAD,
    "currency": "INR",
    "time_zone": "Asia/Kolkata",
    "event": "palm-resort",
    "kind": "stays",
    "date_from": "2026-12-18",
    "date_to": "2026-12-19",
    "occupancy": [
        {"date": "2026-12-18", "rooms": 8, "sold": 6, "held": 1, "occupancy": 0.75},
        {"date": "2026-12-19", "rooms": 8, "sold": 2, "held": 0, "occupancy": 0.25},
    ],
    "average_occupancy": 0.5,
    "day": "2026-12-18",
    "arrivals": [
        {
            "id": "5f0c1e2a-6b7d-4c1e-9a51-2d8f3e4b5a61",
            "reference": "5F0C1E2A",
            "name": "Asha Rao",
            "phone": "+919812345678",
            "status": "confirmed",
            "rooms": ["Garden villa"],
            "starts_at": "2026-12-18T09:30:00Z",
            "ends_at": "2026-12-20T05:30:00Z",
            "guests": 2,
        }
    ],
    "departures": [],
    "sales": _SALES,
}

ROOMS = {
    **_HEAD,
    "event": "harbour-rooms",
    "kind": "rooms",
    "date_from": "2026-12-18",
    "date_to": "2026-12-18",
    "rooms": [
        {
            "id": 31,
            "name": "Boardroom",
            "open": 20,
            "booked": 5,
            "utilisation": 0.25,
            "days": [{"date": "2026-12-18", "open": 20, "booked": 5, "utilisation": 0.25}],
        }
    ],
    "utilisation": 0.25,
    "sales": _SALES,
}

SERVICE = {
    **_HEAD,
    "currency": "INR",
    "time_zone": "Asia/Kolkata",
    "event": "speedy-garage",
    "kind": "service",
    "day": "2026-12-18",
    "columns": {
        "pending_payment": [],
        "confirmed": [
            {
                "id": "8a1b2c3d-0000-4e5f-8a9b-0c1d2e3f4a5b",
                "reference": "8A1B2C3D",
                "name": "Ravi Kumar",
                "phone": "+919800000001",
                "status": "confirmed",
                "payment_status": "due",
                "amount": "2499.00",
                "starts_at": "2026-12-18T04:30:00Z",
                "ends_at": "2026-12-18T06:30:00Z",
                "location": "shop",
                "vehicle": "Honda City",
                "vehicle_type": "Car",
                "services": ["Oil change", "Brake check"],
            }
        ],
        "in_progress": [],
        "completed": [],
        "no_show": [],
        "cancelled": [],
    },
    "upcoming": [],
    "sales": _SALES,
}

DASHBOARD = [
    OpenApiExample("A festival", value=FESTIVAL, response_only=True),
    OpenApiExample("Resort stays", value=STAYS, response_only=True),
    OpenApiExample("Meeting rooms", value=ROOMS, response_only=True),
    OpenApiExample("A repair shop", value=SERVICE, response_only=True),
]

EXPORT_CSV = [
    OpenApiExample(
        "Two bookings",
        value=(
            "\ufeffReference,Guest,Phone,E-mail,Items,Amount,Refunded,Currency,Payment method,"
            "Payment status,Status,Booked on,Starts,Check-in,Admitted\r\n"
            "5F0C1E2A,Sara,'+966500000001,sara@example.com,2 x General admission,300.00,0.00,"
            "SAR,stripe,paid,confirmed,2026-12-16 21:05,2026-12-21 18:00,Partly checked in,1/2\r\n"
            "9B2D7C10,'=HYPERLINK(\"x\"),'+966500000002,,1 x Gold row A seat 3,275.00,275.00,"
            "SAR,stripe,refunded,refunded,2026-12-17 10:40,2026-12-21 18:00,,\r\n"
        ),
        response_only=True,
    )
]
