"""The Calendly integration's OpenAPI examples."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

CALENDLY_LINK = [
    OpenApiExample(
        "Link",
        value={
            "ok": True,
            "url": "https://calendly.com/lodore/vip-evening?a1=ghc1.eJyLVjI0M...&name=Noura",
            "expires_at": "2027-01-06T10:00:00Z",
        },
        response_only=True,
    )
]
