"""The messages a guest gets about a booking, in the booking's language (Arabic or English).

One message per change (``confirmed``, ``cancelled``, ``refunded``, ``expired``), queued
after the change commits (:func:`booking_notify`, a subscriber of the bookings app's
``booking_changed`` hook): an SMS to the account's proved mobile number (the confirmation's
with a signed link to the tickets page; none for an expired hold), and an e-mail when the
booking has an address. ``invoices`` e-mails the booking's invoices and credit notes
(when the guest or staff ask again); ``tickets`` is the SMS with the link, sent on request.

Each message is in the words of the booking's business (a reservation, a room booking, an
appointment, a pass: :mod:`backend.inventory.wording`) and its names are isolated runs
(``<bdi>`` in HTML, FSI ... PDI in text: ``{{ value|iso }}``), so mixed Arabic and English
keep their order. The ``confirmed`` e-mail carries the tickets its guest still holds as one
PDF in the booking's language, named after the booking's reference
(``tickets-<reference>.pdf``, ``reservation-<reference>.pdf`` ...: see
:mod:`backend.tickets.pdf`) and its invoice, rendered in the sending task. Every send goes
through :mod:`backend.notifications.services.outbox`, which logs it.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

from backend.bookings.billing import billed_of
from backend.bookings.calendar import calendar_path, google_calendar_url
from backend.bookings.models import Booking, BookingItem
from backend.bookings.spans import booking_span
from backend.core.tasks import enqueue
from backend.inventory.pricing import line_charge
from backend.inventory.wording import file_name, words_for
from backend.invoices.models import Invoice
from backend.invoices.pdf import invoice_pdf
from backend.invoices.selectors import invoices_of
from backend.notifications.services.outbox import (
    About,
    Attachment,
    email_send,
    language_of,
    sms_send,
)
from backend.tickets.links import ticket_link_url
from backend.tickets.models import Ticket
from backend.tickets.pdf import tickets_pdf
from backend.tickets.selectors import tickets_of

logger = logging.getLogger(__name__)

KINDS = ("confirmed", "cancelled", "refunded", "expired")
EMAILS = (*KINDS, "invoices")
SMS = ("confirmed", "cancelled", "refunded", "tickets")
DOCUMENT_LABELS = {
    "en": {Invoice.Kind.INVOICE: "Invoice", Invoice.Kind.CREDIT_NOTE: "Credit note"},
    "ar": {Invoice.Kind.INVOICE: "فاتورة", Invoice.Kind.CREDIT_NOTE: "إشعار دائن"},
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


def _tax_added(booking: Booking) -> str:
    """At an event whose prices are net, the tax its amount adds to the prices listed ("")."""
    event = booking.event
    if event.prices_include_tax or not event.tax_rate:
        return ""
    billed = [b for b in billed_of(booking) if not b.includes_tax]
    tax = sum((line_charge(event=event, price=b.price).tax for b in billed), Decimal(0))
    return money(tax, booking.currency) if tax else ""


def _context(booking: Booking) -> dict[str, Any]:
    """What the templates read, taken in the booking's language (so that translated names of
    its rooms and services come out in it) with the words of its business."""
    with translation.override(language_of(booking.language)):
        return _context_read(booking)


def _context_read(booking: Booking) -> dict[str, Any]:
    event = booking.event
    context = {
        "booking": booking,
        "reference": booking.reference,
        "words": words_for(event.kind, language_of(booking.language)),
        "event": event,
        "venue": event.venue,
        "name": booking.contact_name,
        # When: the whole booking (first start to last end, a stay's nights), or None.
        "span": booking_span(booking),
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
        # A booking priced by its lines (a booth's fee, a repair's services) lists them.
        or [
            {"name": line.name, "starts_at": None, "quantity": 1,
             "total": money(line.amount, booking.currency)}
            for line in booking.lines.all()
        ],
        "tax_rate": event.tax_rate,
    }  # fmt: skip
    context["tax"] = _tax_added(booking)
    return context


def _tickets_attachment(booking: Booking) -> list[Attachment]:
    """The booking's valid tickets that its guest still holds (not those transferred to
    someone else since) as one PDF. The e-mail still goes without it if the PDF cannot be
    made: the tickets are in the app and downloadable one by one."""
    held = tickets_of(booking.user, booking=booking.pk).filter(status=Ticket.Status.VALID)
    tickets = list(held.select_related("event__venue"))
    if not tickets:
        return []
    name = file_name(kind=booking.event.kind, reference=booking.reference, extension="pdf")
    try:
        return [(name, tickets_pdf(tickets, language=booking.language), "application/pdf")]
    except Exception:
        logger.exception("booking e-mail: the tickets PDF of booking %s failed", booking.pk)
        return []


def _invoice_attachments(documents: list[Invoice]) -> list[Attachment]:
    """Each document as a PDF; the e-mail still goes without one that cannot be made: it can
    be downloaded and resent from the booking."""
    attachments = []
    for document in documents:
        try:
            attachments.append((f"{document.number}.pdf", invoice_pdf(document), "application/pdf"))
        except Exception:
            logger.exception("booking e-mail: the invoice PDF %s failed", document.number)
    return attachments


def booking_email_send(*, booking_id: str, kind: str) -> bool:
    """Send the guest the e-mail for ``kind``. False (and a log line) when the booking is
    gone, has no address to write to, or (``invoices``) has no invoices."""
    if kind not in EMAILS:
        raise ValueError(f"Unknown booking e-mail kind {kind!r}.")
    booking = _load(booking_id)
    if booking is None:
        logger.warning("booking e-mail %s: booking %s does not exist", kind, booking_id)
        return False
    to = booking.email_address
    if not to:
        logger.info("booking e-mail %s: booking %s has no e-mail address", kind, booking_id)
        return False
    context = _context(booking)
    attachments: list[Attachment] = []
    if kind == "confirmed":
        # Add to calendar: the signed .ics and a Google Calendar link (None without a time).
        if booking_span(booking) is not None:
            context["calendar_url"] = f"{settings.FRONTEND_URL}{calendar_path(booking)}"
            context["google_calendar_url"] = google_calendar_url(booking)
        attachments = _tickets_attachment(booking) + _invoice_attachments(
            list(invoices_of(booking=booking).filter(kind=Invoice.Kind.INVOICE))
        )
    elif kind == "invoices":
        documents = list(invoices_of(booking=booking))
        if not documents:
            return False
        labels = DOCUMENT_LABELS.get(booking.language, DOCUMENT_LABELS["en"])
        context["documents"] = [
            {"label": labels[Invoice.Kind(document.kind)], "number": document.number,
             "issued_at": document.issued_at, "total": money(document.total, document.currency)}
            for document in documents
        ]  # fmt: skip
        attachments = _invoice_attachments(documents)
    email_send(template=kind, language=booking.language, to=to, context=context,
               about=About.of(booking), attachments=attachments)  # fmt: skip
    return True


def booking_sms_send(*, booking_id: str, kind: str) -> bool:
    """Text the booking's guest for ``kind`` (to the account's proved mobile number, else
    held and logged); ``confirmed`` and ``tickets`` carry a signed link to their tickets."""
    if kind not in SMS:
        raise ValueError(f"Unknown booking SMS kind {kind!r}.")
    booking = _load(booking_id)
    if booking is None:
        logger.warning("booking SMS %s: booking %s does not exist", kind, booking_id)
        return False
    context = _context(booking)
    if kind in ("confirmed", "tickets"):
        context["link"] = ticket_link_url(booking=booking, holder=booking.user)
    message = sms_send(template=kind, language=booking.language, user=booking.user,
                       context=context, about=About.of(booking))  # fmt: skip
    return message.status == message.Status.SENT


def booking_notify(*, booking: Booking, kind: str) -> None:
    """The ``booking_changed`` hook's subscriber (after commit): queue the guest's SMS (to the
    phone they proved; held and logged otherwise) and, when the booking has an address, the
    e-mail."""
    if booking.email_address:
        enqueue("notifications.send_booking_email", str(booking.pk), kind)
    if kind in SMS:
        enqueue("notifications.send_booking_sms", str(booking.pk), kind)
