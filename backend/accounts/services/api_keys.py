"""Staff API keys: made by staff for one event, shown once, stored as a prefix and a hash,
revocable, rate-limited per key, every use audited.

A key acts as the staff member who owns it, and only on its event: every request checks,
through the one role predicate (``backend.accounts.roles``), that the owner is still staff
of that event, so taking the owner's role away stops their keys at once. The key itself is
``ghk_<prefix>_<secret>``; the prefix finds the row, the SHA-256 of the whole key proves it
(256 random bits, like scanner devices' tokens: a slow hash would add only latency).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from backend.accounts.models import Role, StaffApiKey, User
from backend.accounts.roles import may, require, where_may
from backend.core import ratelimit
from backend.core.audit import audit, snapshot
from backend.core.errors import Forbidden, NotAuthenticated, ValidationError
from backend.core.ratelimit import Limit

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

KEY_MARK = "ghk_"  # what tells a Gatehouse staff key from anything else
PREFIX_LENGTH = 10
MAX_KEY_LENGTH = 120
USE_WINDOW_SECONDS = 60
AUDITED = ("label", "user_id", "event_id", "requests_per_minute", "revoked_at")
# last_used_at is a hint for staff (the audit log holds every use): written at most this often.
USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyRefused(NotAuthenticated):
    code, message = "invalid_api_key", "This API key is not valid or was revoked."


class ApiKeyOutOfScope(Forbidden):
    code, message = "api_key_scope", "This API key does not reach this event."


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_key_create(
    *,
    label: str,
    user: User,
    event: Event,
    created_by: User,
    requests_per_minute: int = 60,
) -> tuple[StaffApiKey, str]:
    """A new key acting as ``user`` (staff of ``event``) on ``event``, and the key itself,
    returned here once and never again. ``created_by`` must be staff of the event too (an
    admin of it to make a key for someone else); audited."""
    require(created_by, Role.STAFF, event)
    if user.pk != created_by.pk:
        require(created_by, Role.ADMIN, event, "Only an admin of the event makes keys for others.")
    if not may(user, Role.STAFF, event):
        raise ValidationError(fields={"user": ["The key's owner must be staff of its event."]})
    if not label.strip():
        raise ValidationError(fields={"label": ["Name the key (what uses it)."]})
    if requests_per_minute < 1:
        raise ValidationError(fields={"requests_per_minute": ["At least one request."]})
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    key = f"{KEY_MARK}{prefix}_{secrets.token_urlsafe(32)}"
    api_key = StaffApiKey.objects.create(
        label=label.strip()[:100],
        user=user,
        event=event,
        prefix=prefix,
        key_hash=hash_api_key(key),
        requests_per_minute=requests_per_minute,
        created_by=created_by,
    )
    audit(actor=created_by, action="api_key.create", obj=api_key, event=event,
          after=snapshot(api_key, AUDITED))  # fmt: skip
    return api_key, key


@transaction.atomic
def api_key_revoke(*, api_key: StaffApiKey, actor: Principal) -> StaffApiKey:
    """Revoke at once (the next request with it is refused); idempotent; audited."""
    require(actor, Role.STAFF, api_key.event_id)
    before = snapshot(api_key, AUDITED)
    revoked = StaffApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    api_key.refresh_from_db(fields=["revoked_at"])
    if revoked:
        audit(actor=actor, action="api_key.revoke", obj=api_key, event=api_key.event_id,
              before=before, after=snapshot(api_key, AUDITED))  # fmt: skip
    return api_key


def api_key_find(key: object) -> StaffApiKey | None:
    """The active key this is, or None (one indexed lookup, a constant-time comparison)."""
    if not isinstance(key, str) or not key.startswith(KEY_MARK) or len(key) > MAX_KEY_LENGTH:
        return None
    prefix, _, secret = key[len(KEY_MARK) :].partition("_")
    if len(prefix) != PREFIX_LENGTH or not secret:
        return None
    found = (
        StaffApiKey.objects.select_related("user", "event")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if found is None or not hmac.compare_digest(found.key_hash, hash_api_key(key)):
        return None
    return found


def api_key_limit(api_key: StaffApiKey) -> Limit:
    return Limit("staff-api-key", api_key.requests_per_minute, USE_WINDOW_SECONDS)


@transaction.atomic
def api_key_use(
    *, key: object, action: str, detail: str = "", now: datetime | None = None
) -> StaffApiKey:
    """Let one request through with ``key``, or refuse it: 401 ``invalid_api_key`` for an
    unknown or revoked key, 403 when its owner is no longer staff of its event (or is
    switched off), 429 past its requests per minute. Each request let through is audited
    (``action``, e.g. ``compat.staff.bookings``; ``detail``: the method and path)."""
    now = now or timezone.now()
    api_key = api_key_find(key)
    if api_key is None:
        raise ApiKeyRefused()
    if not may(api_key.user, Role.STAFF, api_key.event_id):
        raise Forbidden("This key's owner is no longer staff of its event.")
    ratelimit.check((api_key_limit(api_key), str(api_key.pk)), now=now.timestamp())
    if api_key.last_used_at is None or now - api_key.last_used_at >= USED_RESOLUTION:
        StaffApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    audit(actor=api_key.user, action=action, obj=api_key, event=api_key.event,
          after={"key": api_key.prefix, "request": detail.replace("\x00", "")[:200]})  # fmt: skip
    return api_key


def api_key_reaches(api_key: StaffApiKey, event: Event | int) -> None:
    """Raise ``ApiKeyOutOfScope`` unless ``event`` is the key's own."""
    event_id = event if isinstance(event, int) else event.pk
    if event_id != api_key.event_id:
        raise ApiKeyOutOfScope()


def api_keys_visible_to(user: Principal) -> QuerySet[StaffApiKey]:
    """The keys of the events ``user`` is staff of, newest first."""
    return (
        StaffApiKey.objects.filter(where_may(user, Role.STAFF))
        .select_related("user", "event")
        .order_by("-created_at", "-pk")
    )
