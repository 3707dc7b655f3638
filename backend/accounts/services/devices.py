"""Scanner devices: long random tokens, shown once, stored only as a hash.

The tokens carry 256 bits of randomness, so a plain SHA-256 (not a slow password hash) is
the right way to store them: it lets a request find its device with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import ScannerDevice, User
from backend.inventory.models import Event

TOKEN_PREFIX = "ghd_"  # noqa: S105 (a public marker, not a secret)
# last_seen_at is a hint for staff, not an audit log: write it at most this often.
SEEN_RESOLUTION = timedelta(minutes=1)


def hash_device_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def device_create(
    *, label: str, event: Event | None = None, created_by: User | None = None
) -> tuple[ScannerDevice, str]:
    """A new device and its token. The token is returned here once and never again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    device = ScannerDevice.objects.create(
        label=label.strip(),
        event=event,
        token_hash=hash_device_token(token),
        token_hint=token[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 6],
        created_by=created_by,
    )
    return device, token


def device_revoke(*, device: ScannerDevice) -> ScannerDevice:
    """Revoke at once; its token stops working on the next request. Idempotent."""
    ScannerDevice.objects.filter(pk=device.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    device.refresh_from_db(fields=["revoked_at"])
    return device


def device_authenticate(*, token: str) -> ScannerDevice | None:
    """The active device this token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    device = (
        ScannerDevice.objects.select_related("event")
        .filter(token_hash=hash_device_token(token), revoked_at__isnull=True)
        .first()
    )
    if device is None:
        return None
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at >= SEEN_RESOLUTION:
        ScannerDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
        device.last_seen_at = now
    return device
