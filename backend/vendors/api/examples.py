"""The vendors API's OpenAPI examples: summer-fest's vendors, booths and setup code."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

from backend.core.api_examples import page_example

BOOTH: dict[str, Any] = {
    "id": 4,
    "code": "A-04",
    "zone": "Food court",
    "size": "medium",
    "x": 31.5,
    "y": 62.0,
    "w": 6.0,
    "h": 5.0,
}
PUBLIC_VENDOR: dict[str, Any] = {
    "id": 12,
    "name": "Saffron Street Kitchen",
    "category": "food",
    "description": "Slow-cooked kabsa and grilled corn, made at the booth.",
    "logo": "/media/vendors/logos/q3XvT0d9a1Lm2kPz.png",
    "website": "https://saffron.example",
    "booth": BOOTH,
}
PROFILE_BODY: dict[str, Any] = {
    **PUBLIC_VENDOR,
    "event": "summer-fest",
    "contact_email": "hello@saffron.example",
    "contact_phone": "+966501234567",
    "status": "approved",
    "reason": "",
    "crew_passes": 4,
    "applied_at": "2026-11-02T09:14:00Z",
    "decided_at": "2026-11-03T12:00:00Z",
}
STAFF_VENDOR_BODY: dict[str, Any] = {
    **PROFILE_BODY,
    "user": {"id": 57, "name": "Huda", "phone": "+966501234567", "email": "huda@example.com"},
    "crew_admitted": 2,
}
FEE: dict[str, Any] = {
    "booking": "0b7d9a52-3c1e-4c55-9a53-0f3e2e7c1d11",
    "amount": "1500.00",
    "currency": "SAR",
    "status": "pending_payment",
    "payment_status": "unpaid",
}
STAFF_BOOTH_BODY: dict[str, Any] = {
    **BOOTH,
    "price": "1500.00",
    "currency": "SAR",
    "vendor": {"id": 12, "name": "Saffron Street Kitchen", "category": "food"},
    "assigned_at": "2026-11-03T12:05:00Z",
    "fee": FEE,
}

PUBLIC_VENDORS = [OpenApiExample("Approved vendors", value=[PUBLIC_VENDOR], response_only=True)]
APPLY = [
    OpenApiExample(
        "An application",
        value={
            "name": "Saffron Street Kitchen",
            "category": "food",
            "description": "Slow-cooked kabsa and grilled corn, made at the booth.",
            "contact_email": "hello@saffron.example",
            "contact_phone": "0501234567",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Pending",
        value={
            **PROFILE_BODY,
            "ok": True,
            "status": "pending",
            "booth": None,
            "crew_passes": 0,
            "decided_at": None,
        },
        response_only=True,
    ),
]
PROFILE = [OpenApiExample("Approved", value={"ok": True, **PROFILE_BODY}, response_only=True)]
PROFILE_EDIT = [
    OpenApiExample(
        "A new description",
        value={"description": "Slow-cooked kabsa, grilled corn and now fresh dates."},
        request_only=True,
    ),
    *PROFILE,
]
DASHBOARD = [
    OpenApiExample(
        "Before setup",
        value={
            "ok": True,
            "vendor": PROFILE_BODY,
            "booth": {**BOOTH, "price": "1500.00", "currency": "SAR"},
            "fee": {**FEE, "status": "confirmed", "payment_status": "paid"},
            "setup": {
                "starts_at": "2026-12-20T06:00:00Z",
                "ends_at": "2026-12-20T14:00:00Z",
                "open": False,
            },
            "passes": {"allowed": 4, "admitted": 0},
            "recent_scans": [],
        },
        response_only=True,
    )
]
SETUP_CODE = [
    OpenApiExample(
        "The crew's code",
        value={
            "ok": True,
            "qr_payload": "GH1AIAQAAAAEAAAADAAB…",
            "valid_from": "2026-12-20T06:00:00Z",
            "valid_until": "2026-12-20T14:00:00Z",
            "crew_passes": 4,
            "admitted": 1,
        },
        response_only=True,
    )
]
STAFF_VENDORS = [page_example(STAFF_VENDOR_BODY)]
STAFF_VENDOR = [
    OpenApiExample("Approved", value={"ok": True, **STAFF_VENDOR_BODY}, response_only=True)
]
STAFF_VENDOR_REASON = [
    OpenApiExample(
        "A reason", value={"reason": "We already have three kabsa stands."}, request_only=True
    ),
    OpenApiExample(
        "Rejected",
        value={
            **STAFF_VENDOR_BODY,
            "ok": True,
            "status": "rejected",
            "booth": None,
            "crew_passes": 0,
            "reason": "We already have three kabsa stands.",
        },
        response_only=True,
    ),
]
STAFF_BOOTHS = [OpenApiExample("Booths", value=[STAFF_BOOTH_BODY], response_only=True)]
STAFF_BOOTH = [
    OpenApiExample("A booth", value={"ok": True, **STAFF_BOOTH_BODY}, response_only=True)
]
STAFF_ASSIGN = [
    OpenApiExample("Assign", value={"vendor": 12}, request_only=True),
    *STAFF_BOOTH,
    OpenApiExample(
        "Taken",
        value={
            "ok": False,
            "error": {
                "code": "booth_taken",
                "message": "Another vendor has just been put in this booth.",
                "vendor": {"id": 9, "name": "Oud & Co"},
            },
        },
        response_only=True,
        status_codes=["409"],
    ),
]
