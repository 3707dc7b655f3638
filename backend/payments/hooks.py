"""What happens when a booking's money changes at the payments layer, beyond it: each hook
with its subscribers, in the order they run (``backend.core.hooks``; a test checks the lists)."""

from __future__ import annotations

from backend.core.hooks import Hook

venue_payment_collected = Hook(
    "venue_payment_collected",
    "Staff took what a sold booking still owed (paid at the venue, or a service added during "
    "the job): in that transaction, it is invoiced. Sent with ``booking``.",
    subscribers=["backend.invoices.services.issue.invoice_for_venue_paid"],
)

partial_refund_recorded = Hook(
    "partial_refund_recorded",
    "The provider gave part of a booking's money back and the booking stands: in that "
    "transaction, a credit note for that part is issued. Sent with ``booking`` and "
    "``amount`` (what went back this time).",
    subscribers=["backend.invoices.services.credit.credit_partial_refund"],
)
