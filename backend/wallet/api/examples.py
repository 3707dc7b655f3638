"""The wallet API's OpenAPI examples."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

PKPASS = [
    OpenApiExample(
        "Pass",
        value=(
            "(binary .pkpass zip: pass.json, icon.png, icon@2x.png, logo.png, manifest.json, "
            "signature)"
        ),
        media_type="application/vnd.apple.pkpass",
    )
]

GOOGLE_SAVE = [
    OpenApiExample(
        "Save link",
        value={
            "ok": True,
            "save_url": "https://pay.google.com/gp/v/save/eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ"
            "pc3MiOiJ3YWxsZXRAZ2F0ZWhvdXNlLmlhbS5nc2VydmljZWFjY291bnQuY29tIn0.c2lnbmF0dXJl",
        },
        response_only=True,
    )
]

REGISTER_INPUT = [
    OpenApiExample(
        "Push token",
        value={"pushToken": "8c1c9d0e4b2e4f6a9a7b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f"},
        request_only=True,
    )
]

REGISTERED = [OpenApiExample("Registered", value={"ok": True}, response_only=True)]

SERIALS = [
    OpenApiExample(
        "Updated passes",
        value={
            "serialNumbers": ["5f0c6b1e8a2d4c3b9e7f1a2b3c4d5e6f"],
            "lastUpdated": "1797854400123456",
        },
        response_only=True,
    )
]

LOG_INPUT = [
    OpenApiExample(
        "Log lines",
        value={"logs": ["[2026-12-21 13:00:00 +0300] Register for pass: the server answered 401"]},
        request_only=True,
    )
]

WALLETS = [
    OpenApiExample(
        "Both offered",
        value={"ok": True, "apple": True, "google": True},
        response_only=True,
    ),
    OpenApiExample(
        "Only Apple Wallet",
        value={"ok": True, "apple": True, "google": False},
        response_only=True,
    ),
]
