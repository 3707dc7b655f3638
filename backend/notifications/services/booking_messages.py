"""The e-mails a guest gets about a booking, in the booking's language (Arabic or English).

One message per change (``confirmed``, ``cancelled``, ``refunded``, ``expired``), with a
text part and an HTML alternative rendered from per-language templates under
``templates/notifications/email/<language>/``. Dates are shown in the venue's time zone.
Queued after the change commits (``booking_notify``, a subscriber of the bookings app's
``booking_changed`` hook) and sent from a Celery task (``notifications.send_booking_email``).

The ``confirmed`` message carries the booking's valid tickets as one PDF
(``tickets-<reference>.pdf``, see :mod:`backend.tickets.pdf`), rendered in that task.
"""

from __future__ import annotations

import logging
import zoneinfo
from decimal import Decimal
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from backend.bookings.models import Booking, BookingItem
from backend.core.tasks import enqueue
from backend.invoices.models import Invoice
from backend.invoices.pdf import invoice_pdf
from backend.invoices.selectors import invoices_of
from backend.tickets.models import Ticket
from backend.tickets.pdf import tickets_pdf
from backend.tickets.selectors import tickets_of

logger = logging.getLogger(__name__)

KINDS = ("confirmed", "cancelled", "refunded", "expired")
LANGUAGES = ("ar", "en")

SUBJECTS = {
    "en": {
        "confirmed": "Booking {reference} confirmed: {event}",
        "cancelled": "Booking {reference} cancelled: {event}",
        "refunded": "Booking {reference} refunded: {event}",
        "expired": "Booking {reference} expired: {event}",
    },
    "ar": {
        "confirmed": "تأكيد الحجز {reference}: {event}",
        "cancelled": "إلغاء الحجز {reference}: {event}",
        "refunded": "استرداد مبلغ الحجز {reference}: {event}",
        "expired": "انتهاء مهلة الحجز {reference}: {event}",
    },
}


def money(amount: Decimal, currency: str) -> str:
    """``1,250.00 SAR``: always two decimals and Latin digits, whatever the language."""
    return f"{amount:,.2f} {currency}"


def _load(booking_id: str) -> Booking | None:
    items = BookingItem.objects.select_related("slot__resource").order_by("slot__starts_at", "pk")
    return (
        Booking.objects.select_related("event__venue", "user")
        .prefetch_related(Prefetch("items", queryset=items))
        .filter(pk=booking_id)
        .first()
    )


def _context(booking: Booking) -> dict[str, Any]:
    event = booking.event
    return {
        "booking": booking,
        "reference": booking.reference,
        "event": event,
        "venue": event.venue,
        "name": booking.contact_name,
        "amount": money(booking.amount, booking.currency),
        "refunded_amount": money(booking.refunded_amount, booking.currency),
        "items": [
            {
                "name": item.slot.resource.name,
                "starts_at": item.slot.starts_at,
                "ends_at": item.slot.ends_at,
                "quantity": item.quantity,
                "total": money(item.total, booking.currency),
            }
            for item in booking.items.all()
        ]
        # A booking that sells no places (a booth's fee) lists what it charges instead.
        or [
            {"name": line.name, "starts_at": None, "quantity": 1,
             "total": money(line.amount, booking.currency)}
            for line in booking.lines.all()
        ],
    }  # fmt: skip


def _attach_tickets(email: EmailMultiAlternatives, booking: Booking) -> None:
    """The booking's valid tickets that its guest still holds (not those transferred to
    someone else since) as one PDF. The e-mail still goes without it if the PDF cannot be
    made: the tickets are in the app and downloadable one by one."""
    held = tickets_of(booking.user, booking=booking.pk).filter(status=Ticket.Status.VALID)
    tickets = list(held.select_related("event__venue"))
    if not tickets:
        return
    try:
        pdf = tickets_pdf(tickets)
    except Exception:
        logger.exception("booking e-mail: the tickets PDF of booking %s failed", booking.pk)
        return
    email.attach(f"tickets-{booking.reference}.pdf", pdf, "application/pdf")


def _attach_invoices(email: EmailMultiAlternatives, booking: Booking) -> None:
    """The booking's invoice (issued when it was paid) as a PDF; the e-mail still goes without
    it if the PDF cannot be made: it can be downloaded and resent from the booking."""
    for invoice in invoices_of(booking=booking).filter(kind=Invoice.Kind.INVOICE):
        try:
            pdf = invoice_pdf(invoice)
        except Exception:
            logger.exception("booking e-mail: the invoice PDF %s failed", invoice.number)
            continue
        email.attach(f"{invoice.number}.pdf", pdf, "application/pdf")


def booking_email_send(*, booking_id: str, kind: str) -> bool:
    """Send the guest the e-mail for ``kind``. False (and a log line) when the booking is
    gone or has no address to write to."""
    if kind not in KINDS:
        raise ValueError(f"Unknown booking e-mail kind {kind!r}.")
    booking = _load(booking_id)
    if booking is None:
        logger.warning("booking e-mail %s: booking %s does not exist", kind, booking_id)
        return False
    to = booking.contact_email or (booking.user.email or "")
    if not to:
        logger.info("booking e-mail %s: booking %s has no e-mail address", kind, booking_id)
        return False
    language = booking.language if booking.language in LANGUAGES else "en"
    try:
        zone = zoneinfo.ZoneInfo(booking.event.venue.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    context = _context(booking)
    with translation.override(language), timezone.override(zone):
        text = render_to_string(f"notifications/email/{language}/{kind}.txt", context)
        html = render_to_string(f"notifications/email/{language}/{kind}.html", context)
    subject = SUBJECTS[language][kind].format(reference=booking.reference, event=booking.event.name)
    email = EmailMultiAlternatives(" ".join(subject.split()), text, None, [to])
    email.attach_alternative(html, "text/html")
    if kind == "confirmed":
        _attach_tickets(email, booking)
        _attach_invoices(email, booking)
    email.send()
    logger.info("booking e-mail %s sent for booking %s", kind, booking_id)
    return True


def booking_notify(*, booking: Booking, kind: str) -> None:
    """The ``booking_changed`` hook's subscriber (after commit): queue the guest's e-mail."""
    enqueue("notifications.send_booking_email", str(booking.pk), kind)
