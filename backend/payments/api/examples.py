"""The payments API's OpenAPI examples: paying, and staff cancels, cash and comps."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

from backend.bookings.api.examples import BOOKING, SERVICE_BOOKING

CONFIRMED = OpenApiExample(
    "Confirmed", value={**BOOKING, "status": "confirmed"}, response_only=True
)

STAFF_BOOKING_CANCEL = [
    OpenApiExample("Cancel and refund", value={"refund": True}, request_only=True),
    OpenApiExample(
        "Refunded",
        value={**BOOKING, "status": "refunded", "refunded_amount": "300.00"},
        response_only=True,
    ),
]

STAFF_MARK_PAID = [
    OpenApiExample("Paid by card at the shop", value={"method": "card"}, request_only=True),
    CONFIRMED,
    OpenApiExample(
        "Due at the shop, now paid",
        value={**SERVICE_BOOKING, "status": "completed", "provider": "card",
               "payment_status": "paid"},
        response_only=True,
    ),
]  # fmt: skip

STAFF_COMP = [CONFIRMED]

PAYMENT_PROVIDERS = [
    OpenApiExample(
        "Stripe and Razorpay",
        value={"ok": True, "providers": ["stripe", "razorpay"]},
        response_only=True,
    ),
    OpenApiExample(
        "?event=repair-shop (pays at the venue too)",
        value={"ok": True, "providers": ["razorpay", "pay_at_venue"]},
        response_only=True,
    ),
]

PAY = [
    OpenApiExample("Stripe", value={"provider": "stripe"}, request_only=True),
    OpenApiExample(
        "Stripe's answer",
        value={
            "ok": True,
            "payment": "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5",
            "provider": "stripe",
            "amount": "300.00",
            "currency": "SAR",
            "client": {
                "client_secret": "pi_3Q_secret_abc",
                "publishable_key": "pk_test_123",
                "payment_intent": "pi_3Q",
            },
            "providers": ["stripe", "razorpay"],
            "booking": BOOKING,
        },
        response_only=True,
    ),
    OpenApiExample("At the venue", value={"provider": "pay_at_venue"}, request_only=True),
    OpenApiExample(
        "Confirmed, payment due at the venue",
        value={
            "ok": True,
            "payment": "7e8f9a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
            "provider": "pay_at_venue",
            "amount": "1148.00",
            "currency": "INR",
            "client": {},
            "providers": ["razorpay", "pay_at_venue"],
            "booking": SERVICE_BOOKING,
        },
        response_only=True,
    ),
]

RAZORPAY_VERIFY = [
    OpenApiExample(
        "Checkout result",
        value={
            "razorpay_order_id": "order_N5",
            "razorpay_payment_id": "pay_N6",
            "razorpay_signature": "5d1b…",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Confirmed",
        value={"ok": True, "booking": "9b2f…", "status": "confirmed"},
        response_only=True,
    ),
]

PAYMENT_STATE = [
    OpenApiExample(
        "Declined",
        value={
            "ok": True,
            "payment": "5a1c0f0e-8d7b-4a59-9f3c-2b6f1c9e4d21",
            "provider": "stripe",
            "status": "failed",
            "failure_code": "insufficient_funds",
            "failure_message": "Your card has insufficient funds.",
            "updated_at": "2026-12-07T17:04:12Z",
        },
        response_only=True,
    ),
    OpenApiExample(
        "Waiting for the provider",
        value={
            "ok": True,
            "payment": "5a1c0f0e-8d7b-4a59-9f3c-2b6f1c9e4d21",
            "provider": "test",
            "status": "created",
            "failure_code": "",
            "failure_message": "",
            "updated_at": "2026-12-07T17:03:40Z",
        },
        response_only=True,
    ),
    OpenApiExample(
        "Not started",
        value={
            "ok": True,
            "payment": None,
            "provider": "",
            "status": "none",
            "failure_code": "",
            "failure_message": "",
            "updated_at": None,
        },
        response_only=True,
    ),
]
