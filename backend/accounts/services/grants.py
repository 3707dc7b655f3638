"""Role grants as staff change them (in the admin): audited per event they touch, and
announced to the user's live websockets, which drop the topics they may no longer watch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backend.accounts.models import User
from backend.core.audit import audit
from backend.inventory.models import Event
from backend.realtime import identity_changed


def grants_of(user: User) -> list[list[Any]]:
    """The user's grants as ``[role, event id or None]``, in a stable order."""
    grants = user.role_grants.values_list("role", "event_id")
    return sorted(([role, event] for role, event in grants), key=lambda g: (g[0], g[1] or 0))


def grants_changed(*, actor: Any, user: User, before: Sequence[Sequence[Any]]) -> bool:
    """Record a change of ``user``'s grants from ``before`` to what they are now: one audit
    row per event whose grants changed (no event: grants for every event). False if
    nothing changed."""
    after = grants_of(user)
    old = {(role, event) for role, event in before}
    new = {(role, event) for role, event in after}
    if old == new:
        return False
    events = {event for _, event in old ^ new}
    known = Event.objects.in_bulk([e for e in events if e is not None])
    for event_id in sorted(events, key=lambda e: e or 0):
        audit(
            actor=actor,
            action="role.change",
            obj=user,
            event=known.get(event_id, event_id),
            before={"roles": sorted(role for role, event in old if event == event_id)},
            after={"roles": sorted(role for role, event in new if event == event_id)},
        )
    identity_changed("user", user.pk)
    return True
