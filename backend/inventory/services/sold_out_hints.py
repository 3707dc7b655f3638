"""A per-process hint that a slot was sold out a moment ago, used only to refuse.

In a rush most hold requests ask for a slot that has just sold out. Each refusal from the
database (``inventory_hold_take``) that found a slot with nothing left is remembered here
for ``RUSH_SOLD_OUT_HINT_SECONDS``; a request for such a slot in that window is refused with
the same ``sold_out`` answer without asking the database. A hint never grants anything: the
conditional UPDATE stays the only judge of a grant. A hint is exact about the instant it was
made; units coming back (a release, an expiry, a refund) are seen by the next request after
the window, or at once when they come back through this process, which forgets its hints on
those slots. Only a request the database itself would have refused as ``sold_out`` reuses a
hint: the same event, no more units in all than the refused request asked for (so the event's
per-hold limit passed then), and every slot asked for hinted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings

_hints: dict[tuple[str, int], tuple[float, int]] = {}  # (event, slot) → (until, units asked)


def remember(event_slug: str, answer: dict[str, Any], asked: int) -> None:
    """After a ``sold_out`` answer: hint its slots that had nothing left."""
    seconds = settings.RUSH_SOLD_OUT_HINT_SECONDS
    if seconds <= 0:
        return
    until = time.monotonic() + seconds
    for slot in answer["slots"]:
        if slot["available"] == 0:
            _hints[event_slug, slot["id"]] = (until, asked)
    if len(_hints) > 10_000:  # a bound: drop what has lapsed
        now = time.monotonic()
        for key in [key for key, (lapse, _) in _hints.items() if lapse <= now]:
            del _hints[key]


def refused_slots(
    event_slug: str, wanted: Sequence[tuple[int, int]]
) -> list[dict[str, int]] | None:
    """The ``sold_out`` answer's slots if the hints refuse this request, else None."""
    if not _hints:
        return None
    now, asked = time.monotonic(), sum(quantity for _, quantity in wanted)
    for slot, _ in wanted:
        hint = _hints.get((event_slug, slot))
        if hint is None or hint[0] <= now or asked > hint[1]:
            return None
    return [{"id": slot, "requested": quantity, "available": 0} for slot, quantity in wanted]


def forget(slot_ids: Iterable[int]) -> None:
    """Units of these slots came back through this process."""
    if not _hints:
        return
    gone = set(slot_ids)
    for key in [key for key in _hints if key[1] in gone]:
        del _hints[key]
