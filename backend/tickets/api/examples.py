"""The tickets API's OpenAPI examples: tickets, links, transfers, comps and upgrades."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

from backend.bookings.api.examples import BOOKING
from backend.core.api_examples import page_example

TICKET: dict[str, Any] = {
    "ok": True,
    "id": 1042,
    "reference": "9B2F4C1E-2",
    "booking": "9b2f4c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e",
    "booking_reference": "9B2F4C1E",
    "event": "summer-fest",
    "event_name": "Gatehouse Summer Fest",
    "event_kind": "festival",
    "label": "General Admission",
    "holder_name": "Sara",
    "holder_phone": "+966512345678",
    "status": "valid",
    "version": 1,
    "starts_at": "2026-12-21T13:00:00Z",
    "ends_at": "2026-12-21T20:59:00Z",
    "nights": 0,
    "admitted_at": None,
    "qr_payload": (
        "GH1AEAQAAAAA4AAABASAAAY3YHMJLVCZU6ZKG2V6FMPALQYVNKBZPJPVEVVGJCH6H7JEVGSOC6B"
        "66ZQN2IP2XAQ2WQ7PQQRAOXDCAF7WCC4S7HVJOPU4Z5JMJHIAM"
    ),
    "qr_png": "/api/tickets/1042/qr.png",
    "qr_svg": "/api/tickets/1042/qr.svg",
}

TICKET_LIST = [page_example(TICKET)]

TICKET_DETAIL = [OpenApiExample("Ticket", value=TICKET, response_only=True)]

TICKET_QR_PNG = [
    OpenApiExample(
        "QR code",
        value="(binary PNG image of the ticket's QR code)",
        media_type="image/png",
    )
]

TICKET_QR_SVG = [
    OpenApiExample(
        "QR code",
        value=(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<svg xmlns="http://www.w3.org/2000/svg" width="49mm" height="49mm" '
            'viewBox="0 0 49 49"><path d="M4,4H5V5H4z..." /></svg>'
        ),
        media_type="image/svg+xml",
    )
]

TICKET_PDF = [
    OpenApiExample(
        "Ticket",
        value="(binary PDF document: one page with the ticket and its QR code)",
        media_type="application/pdf",
    )
]

LINK_INVALID = [
    OpenApiExample(
        "Not valid",
        value={
            "ok": False,
            "error": {"code": "not_found", "message": "This link is not valid or has expired."},
        },
        response_only=True,
        status_codes=["404"],
    )
]
LINK_URL = "/api/tickets/links/WyI5YjJmNGMxZTJkM2E0YjVjOGQ5ZTBmMWEyYjNjNGQ1ZSIsNDJd:1vKx2Q:Zk3…"

TICKET_LINK = [
    OpenApiExample(
        "Tickets",
        value={
            "ok": True,
            "booking": TICKET["booking"],
            "reference": "9B2F4C1E",
            "status": "confirmed",
            "language": "ar",
            "event": {
                "slug": "summer-fest",
                "name": "Gatehouse Summer Fest",
                "starts_at": "2026-12-21T13:00:00Z",
                "ends_at": "2026-12-21T20:59:00Z",
                "venue": "Corniche Park",
                "city": "Jeddah",
                "address": "Corniche Road",
                "time_zone": "Asia/Riyadh",
            },
            "tickets": [
                {
                    **TICKET,
                    "qr_png": f"{LINK_URL}/1042/qr.png",
                    "qr_svg": f"{LINK_URL}/1042/qr.svg",
                }
            ],
        },
        response_only=True,
    )
]

TICKET_LINK_QR_PNG = [
    OpenApiExample(
        "QR code", value="(binary PNG image of the ticket's QR code)",
        media_type="image/png",
    )
]  # fmt: skip

TICKET_LINK_QR_SVG = [
    OpenApiExample(
        "QR code", value='<svg xmlns="http://www.w3.org/2000/svg" …</svg>',
        media_type="image/svg+xml",
    )
]  # fmt: skip

TRANSFER: dict[str, Any] = {
    "ok": True,
    "id": "5d0c7a9e-1b2c-4d3e-8f4a-6b7c8d9e0f1a",
    "status": "pending",
    "direction": "sent",
    "ticket": 1042,
    "event": "summer-fest",
    "event_name": "Gatehouse Summer Fest",
    "label": "General Admission",
    "starts_at": "2026-12-21T13:00:00Z",
    "phone": "+966512345679",
    "name": "Omar",
    "sender_name": "Sara",
    "sender_phone": "+966 ••• 678",
    "created_at": "2026-12-01T10:00:00Z",
    "expires_at": "2026-12-03T10:00:00Z",
    "decided_at": None,
}

TRANSFER_CREATE = [
    OpenApiExample(
        "Offer",
        value={"ticket": 1042, "phone": "0512345679", "name": "Omar"},
        request_only=True,
    ),
    OpenApiExample("Offered", value=TRANSFER, response_only=True, status_codes=["201"]),
]

TRANSFER_LIST = [page_example(TRANSFER)]

TRANSFER_DETAIL = [OpenApiExample("Transfer", value=TRANSFER, response_only=True)]

TRANSFER_ACCEPT = [
    OpenApiExample(
        "Accepted",
        value={
            **TRANSFER,
            "status": "accepted",
            "direction": "received",
            "decided_at": "2026-12-01T12:30:00Z",
        },
        response_only=True,
    )
]

TRANSFER_CANCEL = [
    OpenApiExample(
        "Cancelled",
        value={
            **TRANSFER,
            "status": "cancelled",
            "decided_at": "2026-12-01T11:00:00Z",
        },
        response_only=True,
    )
]

COMP = [
    OpenApiExample(
        "Two for a guest",
        value={"event": "summer-fest", "phone": "+966512345678", "name": "Huda",
               "items": [{"slot": 41, "quantity": 2}]},
        request_only=True,
    ),
    OpenApiExample(
        "Comp", value={**BOOKING, "status": "confirmed", "amount": "0.00"},
        response_only=True, status_codes=["201"],
    ),
]  # fmt: skip

TICKET_UPGRADE = [
    OpenApiExample("To the VIP lounge", value={"slot": 57}, request_only=True),
    OpenApiExample(
        "Upgrade to pay",
        value={**BOOKING, "amount": "500.00",
               "details": {"holders": ["Sara"], "upgrade_ticket": 812}},
        response_only=True, status_codes=["201"],
    ),
]  # fmt: skip

STAFF_TICKET_UPGRADE = [
    OpenApiExample(
        "Cash at the desk", value={"slot": 57, "payment": "cash"}, request_only=True
    ),
    OpenApiExample(
        "Upgraded",
        value={**BOOKING, "status": "confirmed", "amount": "250.00",
               "provider": "cash", "details": {"holders": ["Sara"],
               "upgrade_ticket": 812}},
        response_only=True, status_codes=["201"],
    ),
]  # fmt: skip
