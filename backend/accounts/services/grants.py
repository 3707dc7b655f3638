"""Role grants as staff change them (in the admin): audited per event they touch, and
announced to the user's live websockets, which drop the topics they may no longer watch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from backend.accounts.models import User
from backend.core.audit import audit
from backend.realtime import identity_changed

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


class EventKey(NamedTuple):
    """An event as the audit log keeps it: its id and slug."""

    pk: int
    slug: str


def grants_of(user: User) -> list[tuple[str, EventKey | None]]:
    """The user's grants as ``(role, event or None)``, in a stable order."""
    grants = user.role_grants.values_list("role", "event_id", "event__slug")
    return sorted(
        (
            (role, EventKey(event, slug) if event is not None else None)
            for role, event, slug in grants
        ),
        key=lambda grant: (grant[0], grant[1].pk if grant[1] else 0),
    )


def grants_changed(
    *, actor: Principal | None, user: User, before: Sequence[tuple[str, EventKey | None]]
) -> bool:
    """Record a change of ``user``'s grants from ``before`` to what they are now: one audit
    row per event whose grants changed (no event: grants for every event). False if
    nothing changed."""
    old, new = set(before), set(grants_of(user))
    if old == new:
        return False
    events = {event for _, event in old ^ new}
    for event in sorted(events, key=lambda e: e.pk if e else 0):
        audit(
            actor=actor,
            action="role.change",
            obj=user,
            event=event,
            before={"roles": sorted(role for role, at in old if at == event)},
            after={"roles": sorted(role for role, at in new if at == event)},
        )
    identity_changed("user", user.pk)
    return True
