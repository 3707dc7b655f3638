"""What prices charge at an event's tax (``Event.tax_rate``, ``Event.prices_include_tax``):
each line rounded on its own (:func:`backend.core.money.line_amounts`). With gross prices (the
default) a line charges its price; with net prices, its price plus the tax.

Holds show it as their total, bookings charge it, and invoices bill it
(``backend.bookings.billing``), so the three agree to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from backend.core.money import Amounts, line_amounts

if TYPE_CHECKING:
    from backend.inventory.models import Event

ZERO = Decimal("0.00")


def line_charge(*, event: Event, price: Decimal, includes_tax: bool | None = None) -> Amounts:
    """A line of ``price`` (already multiplied out) at ``event``'s tax: its net, tax and
    total. ``includes_tax``: whether the price is gross (the event's setting unless given)."""
    return line_amounts(
        price=price,
        rate=event.tax_rate,
        prices_include_tax=event.prices_include_tax if includes_tax is None else includes_tax,
        currency=event.currency,
    )


def charge_of(*, event: Event, prices: Iterable[Decimal]) -> Decimal:
    """What lines of these prices (as entered, each multiplied out) charge: each line's total
    at ``event``'s tax, summed. With gross prices, the prices' sum."""
    return charge_at(
        rate=event.tax_rate,
        prices_include_tax=event.prices_include_tax,
        currency=event.currency,
        prices=prices,
    )


def charge_at(
    *, rate: Decimal, prices_include_tax: bool, currency: str, prices: Iterable[Decimal]
) -> Decimal:
    """:func:`charge_of` from the tax settings themselves (an answer built from rows)."""
    return sum(
        (
            line_amounts(
                price=price, rate=rate, prices_include_tax=prices_include_tax, currency=currency
            ).total
            for price in prices
        ),
        ZERO,
    )
