"""Allowlist-only events: who may sign in to book, and booking once per VIP.

The bookings issue marks a VIP booked through :func:`allowlist_mark_booked`, in the same
transaction as the booking, so a second booking by the same phone is refused even when two
arrive at once (one conditional UPDATE decides).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.core.errors import Conflict, Forbidden

if TYPE_CHECKING:
    from backend.inventory.models import Event


class NotOnAllowlist(Forbidden):
    code, message = "forbidden", "This phone number is not invited to this event."


class AlreadyBooked(Conflict):
    code, message = "already_booked", "This invitation has already been used to book."


def allowlist_may_book(*, event: Event, phone: str | None) -> bool:
    """Listed and not booked yet (a user with no phone is not invited)."""
    return AllowlistEntry.objects.filter(event=event, phone=phone, booked_at__isnull=True).exists()


def allowlist_mark_booked(
    *,
    event: Event,
    phone: str | None,
    via: str = AllowlistEntry.Via.SITE,
    now: datetime | None = None,
    **recorded: str,
) -> AllowlistEntry:
    """Use the invitation, once, recording how (``via``; ``recorded``: more fields of the
    entry, such as the Calendly invitee). Raises NotOnAllowlist or AlreadyBooked."""
    now = now or timezone.now()
    claimed = AllowlistEntry.objects.filter(
        event=event, phone=phone, booked_at__isnull=True
    ).update(booked_at=now, booked_via=via, **recorded)
    entry = AllowlistEntry.objects.filter(event=event, phone=phone).first()
    if entry is None:
        raise NotOnAllowlist()
    if not claimed:
        raise AlreadyBooked()
    return entry


def allowlist_unbook(*, event: Event, phone: str, via: str = AllowlistEntry.Via.SITE) -> bool:
    """Give the invitation back (a cancelled booking), only if it was used ``via`` that
    way: cancelling a Calendly booking never frees one used here, nor the other way round.
    False if it was not booked so."""
    return bool(
        AllowlistEntry.objects.filter(
            event=event, phone=phone, booked_at__isnull=False, booked_via=via
        ).update(booked_at=None, booked_via="", calendly_invitee="", calendly_nonce="")
    )
