"""What happens when a ticket changes, beyond the tickets app: each hook with its
subscribers, in the order they run (``backend.core.hooks``; a test checks the lists)."""

from __future__ import annotations

from backend.core.hooks import Hook

ticket_changed = Hook(
    "ticket_changed",
    "Tickets changed what their holder carries (transferred, upgraded, voided: a new code, "
    "holder, place or status): in that transaction, their wallet passes are marked updated "
    "and, after commit, the phones holding them are told. Sent with ``ticket_ids``.",
    subscribers=["backend.wallet.services.updates.passes_changed"],
)

transfer_notice = Hook(
    "transfer_notice",
    "After a transfer commits (``kind``: ``offered``, the person it is offered to; "
    "``accepted``, the receiver, now the ticket's holder): their message is queued. Sent "
    "with ``transfer`` and ``kind``.",
    subscribers=["backend.notifications.services.transfer_messages.transfer_notify"],
)
