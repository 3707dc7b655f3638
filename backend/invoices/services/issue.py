"""Issuing invoices: in the transaction that confirms a paid booking, or that records what a
booking paid at the venue owed. A booking that costs nothing (a comp) gets none.

An invoice bills what the booking bills (``backend.bookings.billing.billed_of``: its priced
lines, else its items) at the event's tax (``Event.tax_rate``, ``Event.prices_include_tax``),
each line as the booking charged it, so the invoice's total is the booking's amount. Nothing
here edits an issued invoice: a refund or cancellation issues a credit note (``credit``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from backend.bookings.billing import Billed, billed_amounts, billed_of
from backend.bookings.models import Booking
from backend.core.money import Amounts, money
from backend.invoices.models import Invoice, InvoiceLine, SellerSettings
from backend.invoices.services.numbering import invoice_number_take

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftLine:
    billed: Billed
    rate: Decimal
    amounts: Amounts
    quantity: int
    unit_amount: Decimal


def seller_snapshot() -> dict[str, str]:
    seller = SellerSettings.current()
    return {
        "legal_name": seller.legal_name,
        "legal_name_ar": seller.legal_name_ar,
        "address": seller.address,
        "tax_number": seller.tax_number,
    }


def buyer_snapshot(booking: Booking) -> dict[str, str]:
    user = booking.user
    name = booking.contact_name or (user.name if user else "")
    return {
        "name": name,
        "email": booking.email_address,
        "phone": booking.contact_phone or str(getattr(user, "phone", "") or ""),
        "reference": booking.reference,
    }


def document_create(
    *,
    booking: Booking,
    kind: str,
    lines: list[DraftLine],
    cites: Invoice | None = None,
    now: datetime | None = None,
) -> Invoice:
    """Number and store one document with its lines; its totals are their sums. Call inside
    the transaction that issues it."""
    now = now or timezone.now()
    seller = SellerSettings.current()
    number = invoice_number_take(prefix=seller.invoice_prefix, year=timezone.localtime(now).year)
    zero = Decimal(0)
    invoice = Invoice.objects.create(
        number=number,
        kind=kind,
        booking=booking,
        cites=cites,
        issued_at=now,
        currency=booking.currency,
        net=sum((line.amounts.net for line in lines), zero),
        tax=sum((line.amounts.tax for line in lines), zero),
        total=sum((line.amounts.total for line in lines), zero),
        seller=seller_snapshot(),
        buyer=buyer_snapshot(booking),
        language=booking.event.language,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            source=line.billed.source,
            description=line.billed.description[:200],
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            net=line.amounts.net,
            tax_rate=line.rate,
            tax=line.amounts.tax,
            total=line.amounts.total,
        )
        for line in lines
    )
    logger.info("%s %s issued for booking %s", kind, number, booking.pk)
    return invoice


def invoice_issue(
    *, booking: Booking, billed: list[Billed], now: datetime | None = None
) -> Invoice | None:
    """An invoice for ``billed`` of ``booking`` at its event's tax, in this transaction; none
    when it would cost nothing."""
    if sum((b.price for b in billed), Decimal(0)) <= 0:
        return None
    lines = [
        DraftLine(
            billed=b,
            rate=booking.event.tax_rate,
            amounts=billed_amounts(booking, b),
            quantity=b.quantity,
            unit_amount=money(b.unit_amount, booking.currency),
        )
        for b in billed
    ]
    with transaction.atomic():
        return document_create(booking=booking, kind=Invoice.Kind.INVOICE, lines=lines, now=now)


def invoice_for_confirmed(*, booking: Booking, **_: Any) -> Invoice | None:
    """``booking_confirmed``: a booking paid in full (not one to pay at the venue, not a
    comp) is invoiced in its confirming transaction."""
    if booking.amount <= 0 or booking.paid_amount < booking.amount:
        return None
    if booking.invoices.filter(kind=Invoice.Kind.INVOICE).exists():
        return None
    return invoice_issue(booking=booking, billed=billed_of(booking))


def invoice_for_venue_paid(*, booking: Booking, **_: Any) -> Invoice | None:
    """``venue_payment_collected``: what the booking owed is paid. Whatever of it no invoice
    bills yet (all of it when paid at the venue; a service added during the job) is
    invoiced."""
    invoiced = set(
        InvoiceLine.objects.filter(
            invoice__booking=booking, invoice__kind=Invoice.Kind.INVOICE
        ).values_list("source", flat=True)
    )
    if "booking" in invoiced:
        return None
    billed = [b for b in billed_of(booking) if b.source not in invoiced]
    return invoice_issue(booking=booking, billed=billed) if billed else None
