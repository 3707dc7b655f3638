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
    "refunded_amount": "0.00",
    "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
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
    "contact": {"name": "Sara", "phone": "+966512345678", "email": "sara@example.com"},
    "details": {"holders": ["Sara", "Omar"]},
    "note": "",
    "created_at": "2026-11-21T18:00:00Z",
    "confirmed_at": None,
}

BOOKING_CREATE = [
    OpenApiExample(
        "Festival: a holder per ticket",
        value={
            "hold": "3f6c1d2e-7a1b-4c5d-9e8f-0a1b2c3d4e5f",
            "details": {"holders": ["Sara", "Omar"]},
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
                "address": "12 MG Road, Bengaluru",
                "vehicle": "Honda Activa 6G",
            },
        },
        request_only=True,
    ),
    OpenApiExample("Booked", value=BOOKING, response_only=True, status_codes=["201"]),
]

BOOKING_LIST = [page_example(BOOKING)]

BOOKING_DETAIL = [OpenApiExample("Booking", value=BOOKING, response_only=True)]

BOOKING_CANCEL = [
    OpenApiExample(
        "Cancelled",
        value={**BOOKING, "status": "cancelled"},
        response_only=True,
    )
]

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
        },
        response_only=True,
    )
]  # fmt: skip
