"""What accounts needs from the apps above it, as named hooks (``backend.core.hooks``).

Accounts keeps who may do what on which event (role grants, stations, allowlists, sign-in
codes for an event), but events belong to inventory, above it: accounts holds them by
foreign key and asks inventory for one by its slug through ``find_event``. Accounts names
``inventory.Event`` in type annotations only (imported under ``TYPE_CHECKING``), never at run
time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend.core.hooks import Hook

if TYPE_CHECKING:
    from backend.inventory.models import Event


find_event = Hook(
    "find_event",
    "The event with this ``slug`` (``listed=True``: only one guests can see, never a "
    "draft), or None. Asked with ``slug`` and ``listed``; inventory answers.",
    subscribers=["backend.inventory.selectors.events.event_find"],
)


def event_named(slug: str, *, listed: bool = False) -> Event | None:
    event: Event | None = find_event.ask(slug=slug, listed=listed)
    return event
