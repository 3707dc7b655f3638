"""What accounts needs from the apps above it, as named hooks (``backend.core.hooks``).

Accounts keeps who may do what on which event (role grants, stations, allowlists, sign-in
codes for an event), but events belong to inventory, above it: accounts holds them by
foreign key and asks inventory for one by its slug through ``find_event``. What accounts
reads of an event is :class:`EventLike`.
"""

from __future__ import annotations

from typing import Any, Protocol

from backend.core.hooks import Hook


class EventLike(Protocol):
    """What accounts reads of an event (an ``inventory.Event``)."""

    pk: Any
    slug: str
    name: str
    language: str
    allowlist_only: bool


find_event = Hook(
    "find_event",
    "The event with this ``slug`` (``listed=True``: only one guests can see, never a "
    "draft), or None. Asked with ``slug`` and ``listed``; inventory answers.",
    subscribers=["backend.inventory.selectors.events.event_find"],
)


def event_named(slug: str, *, listed: bool = False) -> EventLike | None:
    event: EventLike | None = find_event.ask(slug=slug, listed=listed)
    return event
