"""What happens when a booking changes, beyond the bookings app: each hook with its
subscribers, in the order they run (``backend.core.hooks``; a test checks the lists)."""

from __future__ import annotations

from backend.core.hooks import Hook

booking_confirmed = Hook(
    "booking_confirmed",
    "A booking was paid (or comped): in the confirming transaction, it is invoiced (when paid "
    "in full and not free) and its tickets are issued (an upgrade booking moves its ticket "
    "instead). Sent with ``booking``.",
    subscribers=[
        "backend.invoices.services.issue.invoice_for_confirmed",
        "backend.tickets.services.tickets.tickets_issue",
    ],
)

booking_released = Hook(
    "booking_released",
    "A sold booking gave its places back (refunded or cancelled): in that transaction, what "
    "was still to be paid at the venue is no longer owed, its invoices are cancelled by "
    "credit notes, and its tickets are voided (an upgrade's ticket goes back to the place "
    "that was paid for). Sent with ``booking`` and ``refunded``: None, or the part of what was "
    "paid that goes back when the rest is kept (a late cancellation's policy).",
    subscribers=[
        "backend.payments.services.payments.close_venue_payments",
        "backend.invoices.services.credit.credit_released",
        "backend.tickets.services.tickets.tickets_release",
    ],
)

booking_given_up = Hook(
    "booking_given_up",
    "An unpaid booking was cancelled or expired: in that transaction, its open payments are "
    "cancelled (here, and at the provider after commit). Sent with ``booking``.",
    subscribers=["backend.payments.services.payments.cancel_open_payments"],
)

booking_changed = Hook(
    "booking_changed",
    "After a change commits (``kind``: confirmed, cancelled, refunded, expired): the guest's "
    "e-mail (or SMS) is queued. Sent with ``booking`` and ``kind``.",
    subscribers=["backend.notifications.services.booking_messages.booking_notify"],
)

waitlist_offered = Hook(
    "waitlist_offered",
    "Returned units were offered to someone on a waitlist (a hold in their name), after that "
    "commits: they are told by SMS or e-mail, in their language, with the offer's deadline "
    "and a link to its page. Sent with ``entry``.",
    subscribers=["backend.notifications.services.waitlist_messages.waitlist_notify"],
)
