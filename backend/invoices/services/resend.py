"""Sending a booking's invoices again, by e-mail to its contact: for its guest or staff of its
event, limited per caller."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from backend.bookings.models import Booking
from backend.core import ratelimit
from backend.core.audit import audit
from backend.core.errors import Conflict
from backend.core.ratelimit import Limit
from backend.core.tasks import enqueue
from backend.invoices.models import Invoice

# Five resends an hour per caller (guest or staff member), whichever booking.
RESEND_LIMIT = Limit("invoices-resend", 5, 3600)


@transaction.atomic
def invoices_resend(*, booking: Booking, requester: Any) -> None:
    """Queue the e-mail with every invoice and credit note of ``booking`` (the caller may
    read it: checked by the caller; staff's resends are audited). 409 ``no_invoices`` when
    it has none or no e-mail to send them to; 429 past the limit."""
    if not Invoice.objects.filter(booking=booking).exists():
        raise Conflict("This booking has no invoices.", code="no_invoices")
    if not booking.email_address:
        raise Conflict("This booking has no e-mail address to send to.", code="no_invoices")
    ratelimit.check((RESEND_LIMIT, str(requester.pk)))
    enqueue("notifications.send_booking_email", str(booking.pk), "invoices")
    if requester.pk != booking.user_id:
        audit(actor=requester, action="invoices.resend", obj=booking, event=booking.event,
              after={"to": booking.email_address})  # fmt: skip
