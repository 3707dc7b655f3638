"""The accounts API's OpenAPI examples: what its views show as request and answer bodies."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

from backend.core.api_examples import page_example

USER = {
    "id": 42,
    "phone": "+966512345678",
    "email": None,
    "name": "محمد علي",
    "first_name": "محمد",
    "last_name": "علي",
    "picture": None,
    "date_of_birth": None,
    "gender": "",
    "language": "ar",
    "email_verified": False,
    "phone_verified": True,
    "has_password": False,
    "identities": [],
    "roles": ["guest"],
}

SIGNED_IN = OpenApiExample(
    "Signed in",
    value={
        "ok": True,
        "access": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.sig",
        "refresh": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.sig",
        "access_expires_in": 900,
        "first_sign_in": False,
        "user": USER,
    },
    response_only=True,
)


def _error(code: str, message: str, **extra: object) -> dict[str, object]:
    return {"ok": False, "error": {"code": code, "message": message, **extra}, **extra}


OTP_REQUEST = [
    OpenApiExample(
        "Saudi mobile",
        value={"phone": "0512345678", "event": "vip-evening"},
        request_only=True,
    ),
    OpenApiExample(
        "Sent",
        value={
            "ok": True,
            "request_id": "0f001667-0a29-40c4-8904-b4ff8e00d9bd",
            "expires_in": 300,
            "resend_in": 60,
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Cooldown",
        value=_error("rate_limited", "Please wait before asking for another code.", retry_after=42),
        response_only=True,
        status_codes=["429"],
    ),
]

OTP_VERIFY = [
    OpenApiExample(
        "Code",
        value={
            "phone": "+966512345678",
            "request_id": "0f001667-0a29-40c4-8904-b4ff8e00d9bd",
            "code": "482916",
        },
        request_only=True,
    ),
    SIGNED_IN,
    OpenApiExample(
        "A new user's first sign-in",
        value={**SIGNED_IN.value, "first_sign_in": True},
        response_only=True,
    ),
    OpenApiExample(
        "Wrong code",
        value=_error("otp_invalid", "Wrong code; try again.", attempts_remaining=3),
        response_only=True,
        status_codes=["400"],
    ),
]

LOGIN = [
    OpenApiExample(
        "Login", value={"email": "staff@example.com", "password": "…"}, request_only=True
    ),
    SIGNED_IN,
]

TOKEN_REFRESH = [
    OpenApiExample("Body", value={"refresh": "eyJhbGciOi…"}, request_only=True),
    SIGNED_IN,
]

LOGOUT = [
    OpenApiExample("Body", value={"refresh": "eyJhbGciOi…"}, request_only=True),
    OpenApiExample("Done", value={"ok": True}, response_only=True),
]

CSRF = [OpenApiExample("Token", value={"ok": True, "csrf_token": "Xk2…"}, response_only=True)]

DONE = OpenApiExample("Done", value={"ok": True}, response_only=True)

PASSWORD_CHANGE = [
    OpenApiExample("Change", value={"old_password": "…", "new_password": "…"}, request_only=True),
    OpenApiExample("Changed", value={"ok": True, "sessions_ended": 2}, response_only=True),
]

PASSWORD_RESET = [
    OpenApiExample("Reset", value={"email": "staff@example.com"}, request_only=True),
    DONE,
]

PASSWORD_RESET_CONFIRM = [
    OpenApiExample(
        "Confirm",
        value={"uid": "NDI", "token": "cb5k2r-9f1e…", "new_password": "…"},
        request_only=True,
    ),
    DONE,
]

DEVICE = {
    "id": 7,
    "label": "Gate A — lane 2",
    "event": "summer-fest",
    "token_hint": "x7Qp2a",
    "created_at": "2026-11-21T08:00:00Z",
    "last_seen_at": None,
    "revoked_at": None,
    "gates": [{"id": 3, "name": "North gate"}],
}

DEVICE_LIST_GET = [
    OpenApiExample("List", value={"ok": True, "devices": [DEVICE]}, response_only=True)
]

DEVICE_LIST_POST = [
    OpenApiExample(
        "Create",
        value={"label": "Gate A — lane 2", "event": "summer-fest"},
        request_only=True,
    ),
    OpenApiExample(
        "Created",
        value={"ok": True, **DEVICE, "token": "ghd_x7Qp2a…"},
        response_only=True,
        status_codes=["201"],
    ),
]

DEVICE_REVOKE = [
    OpenApiExample(
        "Revoked",
        value={"ok": True, **DEVICE, "revoked_at": "2026-11-21T12:00:00Z"},
        response_only=True,
    )
]

DEVICE_ME = [OpenApiExample("Me", value={"ok": True, **DEVICE}, response_only=True)]

ME = OpenApiExample("Me", value={"ok": True, **USER}, response_only=True)

ME_GET = [ME]

ME_PATCH = [
    OpenApiExample("Update", value={"name": "Sara Ahmed", "language": "en"}, request_only=True),
    ME,
]

SESSION_LIST = [
    OpenApiExample(
        "Two devices",
        value={
            "ok": True,
            "sessions": [
                {
                    "id": "5d3c7a1e-8f7b-4c52-9a3e-2f1b6f0d9e11",
                    "method": "otp",
                    "user_agent": "Mozilla/5.0 (iPhone)",
                    "ip": "203.0.113.7",
                    "created_at": "2026-11-20T18:02:11Z",
                    "last_used_at": "2026-11-21T09:15:40Z",
                    "current": True,
                }
            ],
        },
        response_only=True,
    )
]

SESSION_REVOKE = [OpenApiExample("Ended", value={"ok": True}, response_only=True)]

AUDIT_ENTRY: dict[str, Any] = {
    "id": 311,
    "at": "2026-12-21T16:05:40Z",
    "actor": "desk@summer-fest.example (#12)",
    "actor_id": 12,
    "action": "booking.refund",
    "object_type": "bookings.booking",
    "object_id": "9b2f4c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e",
    "object_label": "booking 9b2f4c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e (refunded)",
    "event": "summer-fest",
    "before": {"status": "confirmed", "refunded_amount": "0.00"},
    "after": {"status": "refunded", "refunded_amount": "300.00"},
}

AUDIT_LOG = [page_example(AUDIT_ENTRY)]

REGISTER = [
    OpenApiExample(
        "Register",
        value={
            "email": "sara@example.com",
            "password": "a long pass phrase",
            "first_name": "Sara",
            "last_name": "Ahmed",
            "phone": "0512345678",
            "language": "en",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Registered (or the address was taken: the same answer)",
        value={"ok": True, "email": "sara@example.com"},
        response_only=True,
        status_codes=["201"],
    ),
    OpenApiExample(
        "Weak password",
        value=_error(
            "validation_error",
            "Some fields are not valid.",
            fields={"password": ["This password is too common."]},
        ),
        response_only=True,
        status_codes=["400"],
    ),
    OpenApiExample(
        "Too many",
        value=_error("rate_limited", "Too many registrations; try again later.", retry_after=1800),
        response_only=True,
        status_codes=["429"],
    ),
]

EMAIL_VERIFY = [
    OpenApiExample(
        "Token",
        value={"token": "eyJ1Ijo0MiwiZSI6InNhcmFAZXhhbXBsZS5jb20ifQ:1t…"},
        request_only=True,
    ),
    OpenApiExample("Verified", value={"ok": True, "email": "sara@example.com"}, response_only=True),
    OpenApiExample(
        "Used or expired",
        value=_error(
            "invalid_token", "This verification link is not valid, has expired or was already used."
        ),
        response_only=True,
        status_codes=["400"],
    ),
]

EMAIL_VERIFY_RESEND = [
    OpenApiExample("Sent", value={"ok": True}, response_only=True, status_codes=["202"])
]

PHONE = [
    OpenApiExample("Phone", value={"phone": "0512345678"}, request_only=True),
    *OTP_REQUEST[1:],
]

ME_EMAIL = {**USER, "email": "sara@example.com", "has_password": True}

PHONE_VERIFY = [
    OpenApiExample(
        "Code",
        value={"request_id": "0f001667-0a29-40c4-8904-b4ff8e00d9bd", "code": "482916"},
        request_only=True,
    ),
    OpenApiExample("Proved", value={"ok": True, "user": ME_EMAIL}, response_only=True),
    OpenApiExample(
        "Taken",
        value=_error(
            "phone_taken", "Another account uses this phone number; sign in with it to use it."
        ),
        response_only=True,
        status_codes=["409"],
    ),
]

ME_PICTURE = [
    OpenApiExample(
        "A picture (multipart/form-data)",
        value={"picture": "(the file: a PNG, JPEG, WebP or GIF)"},
        request_only=True,
        media_type="multipart/form-data",
    ),
    OpenApiExample(
        "With a picture",
        value={
            "ok": True,
            **ME_EMAIL,
            "picture": "https://tickets.example.com/media/profiles/Xq3v9Lm2T0aB.jpg",
        },
        response_only=True,
    ),
    OpenApiExample(
        "Not an image",
        value=_error(
            "validation_error",
            "Some fields are not valid.",
            fields={"picture": ["Not an image we can read: upload a PNG, JPEG, WebP or GIF."]},
        ),
        response_only=True,
        status_codes=["400"],
    ),
]

ME_PICTURE_DELETE = [OpenApiExample("Removed", value={"ok": True, **ME_EMAIL}, response_only=True)]

SESSION_REVOKE_OTHERS = [
    OpenApiExample("Ended", value={"ok": True, "revoked": 2}, response_only=True)
]
