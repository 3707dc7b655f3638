"""OpenAPI examples of a guest's booking changes (``booking_changes``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

from backend.bookings.api.examples import BOOKING

STAY_POLICY = {
    "cancellable": True,
    "free_cancellation_hours": 48,
    "late_refund_percent": 50,
    "reschedulable": True,
    "reschedule_hours": 48,
}

CHANGES = [
    OpenApiExample(
        "A stay, more than 48 hours before check-in",
        value={
            "ok": True,
            "booking": BOOKING["id"],
            "policy": STAY_POLICY,
            "cancel": {
                "allowed": True,
                "reason": "",
                "message": "",
                "refund_percent": 100,
                "refund_amount": "300.00",
                "currency": "SAR",
                "free_until": "2026-12-19T09:30:00Z",
            },
            "reschedule": {
                "allowed": True,
                "reason": "",
                "message": "",
                "until": "2026-12-19T09:30:00Z",
            },
        },
        response_only=True,
    ),
    OpenApiExample(
        "A festival ticket (not refundable; transfer it instead)",
        value={
            "ok": True,
            "booking": BOOKING["id"],
            "policy": {
                "cancellable": False,
                "free_cancellation_hours": 0,
                "late_refund_percent": 0,
                "reschedulable": False,
                "reschedule_hours": 0,
            },
            "cancel": {
                "allowed": False,
                "reason": "not_cancellable",
                "message": "This event's bookings cannot be cancelled.",
                "refund_percent": 0,
                "refund_amount": "0.00",
                "currency": "SAR",
                "free_until": "2026-12-21T13:00:00Z",
            },
            "reschedule": {
                "allowed": False,
                "reason": "not_reschedulable",
                "message": "This event's bookings cannot be moved to another time.",
                "until": "2026-12-21T13:00:00Z",
            },
        },
        response_only=True,
    ),
]

CANCEL = [
    OpenApiExample(
        "Cancelled within the free period: refunded in full",
        value={
            **BOOKING,
            "status": "refunded",
            "provider": "razorpay",
            "payment_status": "refunded",
            "refunded_amount": "300.00",
            "note": "Cancelled by the guest (100% refunded by the policy).",
        },
        response_only=True,
    ),
    OpenApiExample(
        "Too late to cancel",
        value={
            "ok": False,
            "error": {
                "code": "already_started",
                "message": "This booking has started; it can no longer be cancelled.",
            },
        },
        response_only=True,
        status_codes=["409"],
    ),
]

RESCHEDULE = [
    OpenApiExample("Move to 11:00", value={"starts_at": "2026-12-21T08:00:00Z"}, request_only=True),
    OpenApiExample(
        "Moved",
        value={**BOOKING, "status": "confirmed", "payment_status": "paid"},
        response_only=True,
    ),
    OpenApiExample(
        "A dearer time",
        value={
            "ok": False,
            "error": {
                "code": "reschedule_price_differs",
                "message": "That time costs a different amount; cancel this booking and "
                "book it instead.",
                "amount": "300.00",
                "new_amount": "450.00",
            },
        },
        response_only=True,
        status_codes=["409"],
    ),
]
