"""What a booking bills, and so what it charges: one answer for the booking's ``amount`` and
for the invoice issued when it is paid (``backend.invoices.services.issue``).

A booking bills its priced lines (services, the home-visit fee, a fee) when it has them, else
its items (the resource's name, the unit price times the quantity). Each line is priced at the
event's tax (``Event.tax_rate``, ``Event.prices_include_tax``), rounded per line
(:mod:`backend.inventory.pricing`): with gross prices (the default) a line charges its
price; with net prices it charges its price plus the tax, so the booking's amount is the sum
of its lines' totals, which is exactly what its invoice adds up to.

A booking whose amount is not what its items charge (an upgrade pays a difference) bills one
line for the booking: the amount charged, split into net and tax at the event's rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from backend.core.money import Amounts
from backend.inventory.pricing import charge_of, line_charge

if TYPE_CHECKING:
    from backend.bookings.models import Booking


@dataclass(frozen=True)
class Billed:
    """One line to bill: what of the booking it is, its price as entered (``unit_amount``
    times ``quantity``) and whether that price includes the tax."""

    source: str
    description: str
    quantity: int
    unit_amount: Decimal
    includes_tax: bool = True

    @property
    def price(self) -> Decimal:
        return self.unit_amount * self.quantity


def billed_of(booking: Booking) -> list[Billed]:
    """What ``booking`` bills: its priced lines, else its items; if its items do not charge
    its amount (an upgrade pays a difference), one line for the booking, the amount charged
    (tax included)."""
    event = booking.event
    gross = event.prices_include_tax
    lines = list(booking.lines.all())
    if lines:
        return [Billed(f"line:{line.pk}", line.name, 1, line.amount, gross) for line in lines]
    items = list(booking.items.select_related("slot__resource"))
    billed = [
        Billed(f"item:{item.pk}", item.slot.resource.name, item.quantity, item.unit_price, gross)
        for item in items
    ]
    if not billed or charge_of(event=event, prices=[b.price for b in billed]) != booking.amount:
        description = f"{event.name} ({booking.reference})"
        return [Billed("booking", description, 1, booking.amount, includes_tax=True)]
    return billed


def billed_amounts(booking: Booking, billed: Billed) -> Amounts:
    """One billed line of ``booking``: its net, tax and total at the event's tax."""
    return line_charge(event=booking.event, price=billed.price, includes_tax=billed.includes_tax)
