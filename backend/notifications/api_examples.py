"""The notifications API's OpenAPI examples."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

RESEND = [
    OpenApiExample(
        "Resend", value={"booking": "9b2f4c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e"},
        request_only=True,
    ),
    OpenApiExample("Queued", value={"ok": True, "queued": True}, response_only=True,
                   status_codes=["202"]),
]  # fmt: skip

MESSAGES = [
    OpenApiExample(
        "Sent and held",
        value=[
            {"id": 12, "created_at": "2026-12-07T15:02:11Z", "channel": "email",
             "template": "confirmed", "language": "en", "to": "guest@example.com",
             "status": "sent", "answer": "accepted <170.1.2@gatehouse>",
             "attachments": ["tickets-9B2F4C1E.pdf", "GH-2026-000123.pdf"]},
            {"id": 11, "created_at": "2026-12-07T15:01:40Z", "channel": "sms",
             "template": "transfer_offered", "language": "ar", "to": "+966512345678",
             "status": "held", "answer": "held: no mobile number proved with a code",
             "attachments": []},
        ],
        response_only=True,
    ),
]  # fmt: skip
