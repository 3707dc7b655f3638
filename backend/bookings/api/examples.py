"""The bookings API's OpenAPI examples (``BOOKING`` is also the tickets and payments APIs')."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

from backend.core.api_examples import page_example

BOOKING: dict[str, Any] = {
    "ok": True,
    "id": "9b2f4c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e",
    "reference": "9B2F4C1E",
    "event": "summer-fest",
    "event_name": "Gatehouse Summer Fest",
    "status": "pending_payment",
    "amount": "300.00",
    "currency": "SAR",
    "provider": "",
    "payment_status": "unpaid",
    "refunded_amount": "0.00",
    "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
    "starts_at": "2026-12-21T13:00:00Z",
    "ends_at": "2026-12-21T20:59:00Z",
    "nights": 0,
    "items": [
        {
            "slot": 41,
            "resource": 12,
            "resource_name": "General Admission",
            "starts_at": "2026-12-21T13:00:00Z",
            "ends_at": "2026-12-21T20:59:00Z",
            "quantity": 2,
            "unit_price": "150.00",
            "total": "300.00",
        }
    ],
    "lines": [],
    "contact": {"name": "Sara", "phone": "+966512345678", "email": "sara@example.com"},
    "details": {"holders": ["Sara", "Omar"]},
    "note": "",
    "created_at": "2026-11-21T18:00:00Z",
    "confirmed_at": None,
    "calendar_url": "/api/bookings/6b1f0f7e-2a55-4f7e-9a3c-1d2e3f405162/calendar.ics"
    "?token=Vd3k9QeR1tZp0mXy7LwHs2NbCj4",
}

# A repair-shop appointment at home, paid at the shop: priced by the server from the vehicle
# model's prices plus the home-visit fee; two consecutive bay-hours for 90 minutes of work
# and 30 of travel.
SERVICE_BOOKING: dict[str, Any] = {
    **BOOKING,
    "id": "5d0c7a2e-1b3c-4d5e-8f9a-0b1c2d3e4f5a",
    "reference": "5D0C7A2E",
    "event": "repair-shop",
    "event_name": "RepairMyBike",
    "status": "confirmed",
    "amount": "1148.00",
    "currency": "INR",
    "provider": "pay_at_venue",
    "payment_status": "due",
    "starts_at": "2026-12-08T10:00:00Z",
    "ends_at": "2026-12-08T12:00:00Z",
    "items": [
        {
            "slot": 901 + n,
            "resource": 30,
            "resource_name": "Service bays",
            "starts_at": f"2026-12-08T{10 + n:02d}:00:00Z",
            "ends_at": f"2026-12-08T{11 + n:02d}:00:00Z",
            "quantity": 1,
            "unit_price": "0.00",
            "total": "0.00",
        }
        for n in range(2)
    ],
    "lines": [
        {"id": 71, "kind": "service", "service": 3, "name": "General service", "amount": "649.00"},
        {"id": 72, "kind": "service", "service": 5, "name": "Oil change", "amount": "300.00"},
        {"id": 73, "kind": "home_visit", "service": None, "name": "Home visit", "amount": "199.00"},
    ],
    "contact": {"name": "Kiran", "phone": "+919999988888", "email": "kiran@example.com"},
    "details": {
        "customer_name": "Kiran",
        "phone": "+919999988888",
        "email": "kiran@example.com",
        "location": "home",
        "address": "12 MG Road",
        "city": "Bengaluru",
        "postcode": "560001",
        "notes": "Brakes squeak",
        "vehicle_model": 7,
        "services": [3, 5],
        "vehicle": {"type": "Scooter", "brand": "Honda", "model": "Activa 6G"},
    },
    "confirmed_at": "2026-12-07T09:40:00Z",
    "calendar_url": "/api/bookings/3f2a9c1b-5d1e-4c1a-9a57-0c7f1b2e4d10/calendar.ics"
    "?token=pJq1m0dKx7T8z3vQ2yH9sWbNfLc",
}

BOOKING_CREATE = [
    OpenApiExample(
        "Festival: a holder per ticket",
        value={
            "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
            "details": {"holders": ["Sara", "Omar"]},
            "contact_email": "sara@example.com",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Resort: guests per room",
        value={
            "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
            "guests": [
                {"name": "Asha", "age": 34, "room": 101},
                {"name": "Ravi", "age": 36, "room": 101},
            ],
        },
        request_only=True,
    ),
    OpenApiExample(
        "Meeting room",
        value={
            "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
            "details": {"guest_count": 6, "special_requests": "A projector, please"},
        },
        request_only=True,
    ),
    OpenApiExample(
        "Repair shop, at home",
        value={
            "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
            "details": {
                "customer_name": "Kiran",
                "phone": "+919999988888",
                "email": "kiran@example.com",
                "location": "home",
                "address": "12 MG Road",
                "city": "Bengaluru",
                "postcode": "560001",
                "notes": "Brakes squeak",
                "vehicle_model": 7,
                "services": [3, 5],
            },
        },
        request_only=True,
    ),
    OpenApiExample("Booked", value=BOOKING, response_only=True, status_codes=["201"]),
    OpenApiExample(
        "Repair shop: priced by the server",
        value={
            **SERVICE_BOOKING,
            "status": "pending_payment",
            "provider": "",
            "payment_status": "unpaid",
            "confirmed_at": None,
        },
        response_only=True,
        status_codes=["201"],
    ),
]

BOOKING_LIST = [page_example(BOOKING)]

BOOKING_DETAIL = [OpenApiExample("Booking", value=BOOKING, response_only=True)]

BOOKING_LOOKUP = [
    OpenApiExample(
        "History",
        value={
            "ok": True,
            "count": 1,
            "page": 1,
            "page_size": 20,
            "pages": 1,
            "results": [BOOKING],
        },
        response_only=True,
    )
]

STAFF_BOOKING_LIST = [page_example(BOOKING)]

STAFF_BOOKING_DETAIL = [OpenApiExample("Booking", value=BOOKING, response_only=True)]

STAFF_BOOKING_STATUS = [
    OpenApiExample("Start the work", value={"status": "in_progress"}, request_only=True),
    OpenApiExample(
        "In progress",
        value={**BOOKING, "status": "in_progress"},
        response_only=True,
    ),
]

STAFF_STATS = [
    OpenApiExample(
        "Figures",
        value={
            "ok": True,
            "by_status": {"confirmed": {"bookings": 12, "amount": "1800.00"}},
            "by_day": [
                {"date": "2026-11-21", "currency": "SAR", "bookings": 12,
                 "revenue": "1800.00"}
            ],
            "revenue": {"SAR": "1800.00"},
            "by_payment_status": {
                "paid": {"bookings": 10, "amount": "1500.00", "paid": "1500.00",
                         "refunded": "0.00"},
                "due": {"bookings": 2, "amount": "300.00", "paid": "0.00", "refunded": "0.00"},
            },
            "by_method": {
                "stripe": {"bookings": 7, "amount": "1050.00"},
                "cash": {"bookings": 3, "amount": "450.00"},
                "pay_at_venue": {"bookings": 2, "amount": "300.00"},
            },
        },
        response_only=True,
    )
]  # fmt: skip

STAFF_NO_SHOW = [
    OpenApiExample(
        "No-show (what is owed stays recorded)",
        value={**SERVICE_BOOKING, "status": "no_show", "note": "The customer did not come."},
        response_only=True,
    )
]

STAFF_ADD_SERVICE = [
    OpenApiExample("Brake pads found worn", value={"service": 9}, request_only=True),
    OpenApiExample(
        "Added: the difference is due at the shop",
        value={
            **SERVICE_BOOKING,
            "status": "in_progress",
            "provider": "stripe",
            "payment_status": "due",
            "amount": "1547.00",
            "lines": [
                *SERVICE_BOOKING["lines"],
                {"id": 74, "kind": "added_service", "service": 9, "name": "Brake pads",
                 "amount": "399.00"},
            ],
        },
        response_only=True,
    ),
]  # fmt: skip

# --- waitlists (docs/waiting-room.md) ------------------------------------------------------

WAITLIST_ENTRY: dict[str, Any] = {
    "ok": True,
    "id": 7,
    "event": "summer-fest",
    "slot": 41,
    "quantity": 2,
    "status": "waiting",
    "position": 3,
    "joined_at": "2026-12-01T09:00:00Z",
    "offer": None,
}
WAITLIST_OFFERED: dict[str, Any] = {
    **WAITLIST_ENTRY,
    "status": "offered",
    "position": None,
    "offer": {"hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f", "expires_at": "2026-12-01T09:20:00Z"},
}
WAITLIST_JOIN = [
    OpenApiExample("Join", value={"slot": 41, "quantity": 2}, request_only=True),
    OpenApiExample("Waiting", value=WAITLIST_ENTRY, response_only=True),
    OpenApiExample(
        "Not sold out",
        value={
            "ok": False,
            "error": {
                "code": "not_sold_out",
                "message": "These units can be held now: hold them instead of joining the "
                "waitlist.",
                "available": 5,
            },
            "available": 5,
        },
        response_only=True,
        status_codes=["409"],
    ),
]
WAITLIST_MINE = [page_example(WAITLIST_OFFERED)]
WAITLIST_DETAIL = [OpenApiExample("Offered", value=WAITLIST_OFFERED, response_only=True)]
WAITLIST_LEAVE = [
    OpenApiExample("Left", value={**WAITLIST_ENTRY, "status": "left", "position": None},
                   response_only=True),
]  # fmt: skip
WAITLIST_STAFF = [
    page_example(
        {**WAITLIST_ENTRY, "name": "Sara Al-Harbi", "phone": "+966512345678",
         "email": "sara@example.com"}
    )
]  # fmt: skip
