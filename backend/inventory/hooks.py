"""What happens when units change hands in the engine, beyond the inventory app: each hook with
its subscribers, in the order they run (``backend.core.hooks``; a test checks the lists)."""

from __future__ import annotations

from backend.core.hooks import Hook

units_returned = Hook(
    "units_returned",
    "Held or sold units went back to their slots (a hold released or expired, a sale given "
    "back by a cancellation or a refund), after that transaction commits: the slots' "
    "waitlists offer them to the next people waiting. Sent with ``slot_ids`` (a list).",
    subscribers=["backend.bookings.services.waitlist.waitlist_units_returned"],
)
