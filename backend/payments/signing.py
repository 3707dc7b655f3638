"""The ``t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`` webhook signature scheme.

Stripe, Calendly and our own test provider sign this way. Several ``v1`` values may be
present (a secret being rolled): one match is enough. A timestamp outside the tolerance is
refused, so a captured delivery cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from backend.payments.providers.base import BadSignature


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """A header value for ``body`` (what a provider sends; used by the test provider)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(header: str | None, secret: str, body: bytes, *, tolerance: int) -> None:
    """Raise BadSignature unless ``header`` signs ``body`` with ``secret``, recently."""
    if not header or not secret:
        raise BadSignature()
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        raise BadSignature("The webhook signature header is malformed.")
    if abs(time.time() - timestamp) > tolerance:
        raise BadSignature("The webhook signature is too old (or from the future).")
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    if not any(hmac.compare_digest(expected.hexdigest(), s) for s in signatures):
        raise BadSignature()
