"""Money arithmetic that every app may use (it imports nothing of the project): a currency's
minor unit, rounding to it, tax per line, and sharing an amount in proportion.

Tax is worked out per line, rounded to the currency's minor unit half up (as tax
authorities expect: each line is rounded, and a document's totals are the sums of its
lines).

Gross prices (tax included): total = price, net = total / (1 + rate), tax = total - net.
Net prices: net = price, tax = net * rate, total = net + tax.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)

# ISO 4217 currencies without minor units, and with three (Stripe and Razorpay agree).
ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)
THREE_DECIMAL = frozenset(["BHD", "JOD", "KWD", "OMR", "TND"])


def quantum(currency: str) -> Decimal:
    """The currency's minor unit as amounts are stored (two places at most)."""
    return Decimal(1) if currency.upper() in ZERO_DECIMAL else Decimal("0.01")


def money(value: Decimal, currency: str) -> Decimal:
    return value.quantize(quantum(currency), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Amounts:
    net: Decimal
    tax: Decimal
    total: Decimal

    def __neg__(self) -> Amounts:
        return Amounts(-self.net, -self.tax, -self.total)


def line_amounts(
    *, price: Decimal, rate: Decimal, prices_include_tax: bool, currency: str
) -> Amounts:
    """A line's net, tax and total for its (already multiplied out) ``price``; ``rate`` in
    percent."""
    price = money(price, currency)
    if prices_include_tax:
        net = money(price * HUNDRED / (HUNDRED + rate), currency)
        return Amounts(net, price - net, price)
    tax = money(price * rate / HUNDRED, currency)
    return Amounts(price, tax, price + tax)


def split_gross(*, total: Decimal, rate: Decimal, currency: str) -> Amounts:
    """A share of a line's total split into net and tax at the line's rate."""
    return line_amounts(price=total, rate=rate, prices_include_tax=True, currency=currency)


def shares(total: Decimal, weights: list[Decimal], currency: str) -> list[Decimal]:
    """``total`` split in proportion to ``weights``, each rounded, the last taking what
    rounding left so that they sum to ``total`` exactly."""
    whole = sum(weights, Decimal(0))
    if not weights:
        return []
    if whole == 0:
        return [Decimal(0)] * (len(weights) - 1) + [total]
    parts = [money(total * weight / whole, currency) for weight in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]
