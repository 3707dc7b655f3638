"""Allowlist-only events: who may sign in to book, and booking once per VIP.

The bookings issue marks a VIP booked through :func:`allowlist_mark_booked`, in the same
transaction as the booking, so a second booking by the same phone is refused even when two
arrive at once (one conditional UPDATE decides).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.core.errors import Conflict, Forbidden
from backend.inventory.models import Event


class NotOnAllowlist(Forbidden):
    code, message = "forbidden", "This phone number is not invited to this event."


class AlreadyBooked(Conflict):
    code, message = "already_booked", "This invitation has already been used to book."


def allowlist_may_book(*, event: Event, phone: str) -> bool:
    """Listed and not booked yet."""
    return AllowlistEntry.objects.filter(event=event, phone=phone, booked_at__isnull=True).exists()


def allowlist_mark_booked(
    *, event: Event, phone: str, now: datetime | None = None
) -> AllowlistEntry:
    """Use the invitation, once. Raises NotOnAllowlist or AlreadyBooked."""
    now = now or timezone.now()
    claimed = AllowlistEntry.objects.filter(
        event=event, phone=phone, booked_at__isnull=True
    ).update(booked_at=now)
    entry = AllowlistEntry.objects.filter(event=event, phone=phone).first()
    if entry is None:
        raise NotOnAllowlist()
    if not claimed:
        raise AlreadyBooked()
    return entry


def allowlist_unbook(*, event: Event, phone: str) -> bool:
    """Give the invitation back (a cancelled booking). False if it was not booked."""
    return bool(
        AllowlistEntry.objects.filter(event=event, phone=phone, booked_at__isnull=False).update(
            booked_at=None
        )
    )
