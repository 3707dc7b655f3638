"""The invoices API's OpenAPI examples: a paid festival booking, refunded in part."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

INVOICE: dict[str, Any] = {
    "number": "GH-2026-000123",
    "kind": "invoice",
    "cites": None,
    "issued_at": "2026-12-07T13:05:00Z",
    "lines": [
        {
            "description": "General admission",
            "quantity": 2,
            "unit_amount": "150.00",
            "net": "260.87",
            "tax_rate": "15.00",
            "tax": "39.13",
            "total": "300.00",
        }
    ],
    "net": "260.87",
    "tax": "39.13",
    "total": "300.00",
    "currency": "SAR",
}
CREDIT_NOTE: dict[str, Any] = {
    "number": "GH-2026-000131",
    "kind": "credit_note",
    "cites": "GH-2026-000123",
    "issued_at": "2026-12-08T09:30:00Z",
    "lines": [
        {
            "description": "General admission",
            "quantity": 1,
            "unit_amount": "-100.00",
            "net": "-86.96",
            "tax_rate": "15.00",
            "tax": "-13.04",
            "total": "-100.00",
        }
    ],
    "net": "-86.96",
    "tax": "-13.04",
    "total": "-100.00",
    "currency": "SAR",
}

BOOKING_INVOICES = [
    OpenApiExample(
        "An invoice and a partial refund's credit note",
        value=[INVOICE, CREDIT_NOTE],
        response_only=True,
        status_codes=["200"],
    )
]

INVOICE_PDF = [
    OpenApiExample(
        "Invoice",
        value="(binary PDF document: the invoice GH-2026-000123)",
        media_type="application/pdf",
    )
]

RESEND = [
    OpenApiExample(
        "Queued", value={"ok": True, "queued": True}, response_only=True, status_codes=["202"]
    ),
    OpenApiExample(
        "Too many",
        value={
            "ok": False,
            "error": {
                "code": "rate_limited",
                "message": "Too many requests; try again later.",
                "retry_after": 1800,
            },
        },
        response_only=True,
        status_codes=["429"],
    ),
]
