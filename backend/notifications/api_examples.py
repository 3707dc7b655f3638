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
