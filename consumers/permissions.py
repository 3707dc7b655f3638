"""Who may watch which topic (checked at subscribe, and again when the identity changes)."""

from __future__ import annotations

from collections.abc import Mapping

from backend.core.fields import parse_id, parse_uuid
from consumers.identity import Identity


def anyone(identity: Identity, params: Mapping[str, str]) -> bool:
    """Public topics: every connection, signed in or not."""
    return True


def owns_hold(identity: Identity, params: Mapping[str, str]) -> bool:
    """A hold's countdown is its owner's alone; any other caller gets ``forbidden``."""
    from backend.inventory.models import Hold

    hold_id = parse_uuid(params["hold_id"])
    if identity.user is None or hold_id is None:
        return False
    return Hold.objects.filter(pk=hold_id, user=identity.user).exists()


def owns_queue_token(identity: Identity, params: Mapping[str, str]) -> bool:
    """A place in a waiting room is its owner's alone."""
    from backend.inventory.models import QueueEntry

    if identity.user is None:
        return False
    return QueueEntry.objects.filter(
        token=params["token"], room__event__slug=params["slug"], user=identity.user
    ).exists()


def owns_waitlist_entry(identity: Identity, params: Mapping[str, str]) -> bool:
    """A waitlist entry's offers are its owner's alone."""
    from backend.bookings.models import WaitlistEntry

    entry_id = parse_id(params["entry_id"])
    if identity.user is None or entry_id is None:
        return False
    return WaitlistEntry.objects.filter(pk=entry_id, user=identity.user).exists()


def watches_gate(identity: Identity, params: Mapping[str, str]) -> bool:
    """A gate's scans: the stations bound to it, and the event's staff and scanners."""
    from backend.checkin.selectors import gate_for_station
    from backend.core.errors import ApplicationError

    gate_id = parse_id(params["gate_id"])
    if identity.is_anonymous or gate_id is None:
        return False
    try:
        gate_for_station(gate_id, device=identity.device, user=identity.user)
    except ApplicationError:
        return False
    return True


def staffs_event(identity: Identity, params: Mapping[str, str]) -> bool:
    """An event's dashboard: its staff (and admins)."""
    from backend.accounts.models import Role
    from backend.accounts.roles import may
    from backend.inventory.models import Event

    if identity.user is None:
        return False
    event = Event.objects.filter(slug=params["slug"]).first()
    return event is not None and may(identity.user, Role.STAFF, event)
