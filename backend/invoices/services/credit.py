"""Credit notes: what cancels an invoice, in full or in part, with negative amounts, citing it.

- A sold booking released (refunded, or cancelled after payment): every invoice of it is
  cancelled for what no credit note has cancelled yet, line by line, to the cent.
- Part of the money given back while the booking stands: a credit note for exactly that
  amount, shared over the invoice's lines in proportion to what is left of them (the last
  line takes what rounding leaves), split into net and tax at each line's rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from backend.bookings.billing import Billed
from backend.bookings.models import Booking
from backend.core.money import Amounts, shares, split_gross
from backend.invoices.models import Invoice, InvoiceLine
from backend.invoices.services.issue import DraftLine, document_create

ZERO = Decimal(0)


@dataclass(frozen=True)
class Left:
    """What of one invoice line no credit note has cancelled yet."""

    line: InvoiceLine
    amounts: Amounts


def left_of(invoice: Invoice) -> list[Left]:
    credited: dict[str, dict[str, Any]] = {
        row["source"]: dict(row)
        for row in InvoiceLine.objects.filter(invoice__cites=invoice)
        .values("source")
        .annotate(net=Sum("net"), tax=Sum("tax"), total=Sum("total"))
    }
    left = []
    for line in invoice.lines.all():
        done: dict[str, Any] = credited.get(line.source, {})
        left.append(
            Left(
                line,
                Amounts(
                    line.net + (done.get("net") or ZERO),
                    line.tax + (done.get("tax") or ZERO),
                    line.total + (done.get("total") or ZERO),
                ),
            )
        )
    return left


def _draft(left: Left, amounts: Amounts, *, whole: bool) -> DraftLine:
    """The credit of ``amounts`` of one line: the whole line (its quantity at its unit
    amount), or one unit of the share, priced as the invoice priced (gross or net)."""
    line = left.line
    if whole and amounts.total == line.total:
        quantity, unit = line.quantity, -line.unit_amount
    else:
        gross = line.unit_amount * line.quantity == line.total
        quantity, unit = 1, -(amounts.total if gross else amounts.net)
    return DraftLine(
        billed=Billed(line.source, line.description, quantity, unit),
        rate=line.tax_rate,
        amounts=-amounts,
        quantity=quantity,
        unit_amount=unit,
    )


def _invoices_of(booking: Booking) -> list[Invoice]:
    return list(
        booking.invoices.filter(kind=Invoice.Kind.INVOICE)
        .select_for_update()
        .order_by("issued_at", "pk")
    )


@transaction.atomic
def credit_note_full(*, booking: Booking) -> list[Invoice]:
    """Cancel what is left of every invoice of ``booking``: one credit note each."""
    notes = []
    for invoice in _invoices_of(booking):
        left = [entry for entry in left_of(invoice) if entry.amounts.total != 0]
        if not left:
            continue
        lines = [_draft(entry, entry.amounts, whole=True) for entry in left]
        notes.append(
            document_create(
                booking=booking, kind=Invoice.Kind.CREDIT_NOTE, lines=lines, cites=invoice
            )
        )
    return notes


@transaction.atomic
def credit_note_partial(*, booking: Booking, amount: Decimal) -> list[Invoice]:
    """Credit ``amount`` of ``booking``'s invoices (the oldest first, none beyond what is
    left of them): the credit notes sum to exactly ``amount`` while invoices cover it."""
    notes = []
    to_credit = amount
    for invoice in _invoices_of(booking):
        if to_credit <= 0:
            break
        left = [entry for entry in left_of(invoice) if entry.amounts.total > 0]
        available = sum((entry.amounts.total for entry in left), ZERO)
        take = min(to_credit, available)
        if take <= 0:
            continue
        if take == available:
            lines = [_draft(entry, entry.amounts, whole=True) for entry in left]
        else:
            parts = shares(take, [entry.amounts.total for entry in left], invoice.currency)
            lines = []
            for entry, part in zip(left, parts, strict=True):
                if part == 0:
                    continue
                if part == entry.amounts.total:
                    amounts = entry.amounts
                else:
                    amounts = split_gross(
                        total=part, rate=entry.line.tax_rate, currency=invoice.currency
                    )
                lines.append(_draft(entry, amounts, whole=False))
        notes.append(
            document_create(
                booking=booking, kind=Invoice.Kind.CREDIT_NOTE, lines=lines, cites=invoice
            )
        )
        to_credit -= take
    return notes


def credit_released(*, booking: Booking, refunded: Decimal | None = None, **_: Any) -> None:
    """``booking_released``: a sold booking refunded or cancelled is credited in full, except
    one refunded in part (a late cancellation whose policy keeps a share): exactly what goes
    back is credited, so its invoice still bills the share kept."""
    if refunded is None:
        credit_note_full(booking=booking)
    elif refunded > 0:
        credit_note_partial(booking=booking, amount=refunded)


def credit_partial_refund(*, booking: Booking, amount: Decimal, **_: Any) -> None:
    """``partial_refund_recorded``: the part given back is credited."""
    if amount > 0:
        credit_note_partial(booking=booking, amount=amount)
