"""Scanner devices: long random tokens, shown once, stored only as a hash.

The tokens carry 256 bits of randomness, so a plain SHA-256 (not a slow password hash) is
the right way to store them: it lets a request find its device with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, ScannerDevice, User
from backend.accounts.roles import require
from backend.core.audit import audit, snapshot
from backend.realtime import identity_ended

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

TOKEN_PREFIX = "ghd_"  # noqa: S105 (a public marker, not a secret)
# last_seen_at is a hint for staff, not an audit log: write it at most this often.
SEEN_RESOLUTION = timedelta(minutes=1)


def hash_device_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


AUDITED = ("label", "event_id", "revoked_at")


@transaction.atomic
def device_create(
    *, label: str, event: Event | None = None, created_by: User | None = None
) -> tuple[ScannerDevice, str]:
    """A new device and its token. The token is returned here once and never again.
    Made by staff (``created_by``): staff of its event (of every event for a station that
    serves every event), and audited."""
    if created_by is not None:
        require(created_by, Role.STAFF, event)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    device = ScannerDevice.objects.create(
        label=label.strip(),
        event_id=event.pk if event is not None else None,
        token_hash=hash_device_token(token),
        token_hint=token[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 6],
        created_by=created_by,
    )
    if created_by is not None:
        audit(actor=created_by, action="device.create", obj=device, event=event,
              after=snapshot(device, AUDITED))  # fmt: skip
    return device, token


@transaction.atomic
def device_revoke(*, device: ScannerDevice, actor: Principal | None = None) -> ScannerDevice:
    """Revoke at once: its token stops working on the next request, and its open
    websockets lose its rights at once. Idempotent. By staff (``actor``): audited."""
    if actor is not None:
        require(actor, Role.STAFF, device.event)
    before = snapshot(device, AUDITED)
    revoked = ScannerDevice.objects.filter(pk=device.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    device.refresh_from_db(fields=["revoked_at"])
    identity_ended("device", device.pk)
    if revoked and actor is not None:
        audit(actor=actor, action="device.revoke", obj=device, event=device.event,
              before=before, after=snapshot(device, AUDITED))  # fmt: skip
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
