"""Invoice numbers without gaps: ``{prefix}-{year}-{number:06d}`` per series.

The number is taken inside the issuing transaction, under a row lock on the series
(``SELECT … FOR UPDATE``): two transactions issuing at once queue on that row, and a
transaction that rolls back gives its number back with everything else (no gap). The
series' row is made race-safely (``INSERT … ON CONFLICT DO NOTHING``, then locked).
"""

from __future__ import annotations

from django.db import transaction

from backend.invoices.models import InvoiceSeries


def format_number(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:06d}"


def invoice_number_take(*, prefix: str, year: int) -> str:
    """The series' next number, taken: call inside the transaction that issues it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("An invoice number is taken inside the issuing transaction.")
    series = InvoiceSeries.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if series is None:
        InvoiceSeries.objects.bulk_create(
            [InvoiceSeries(prefix=prefix, year=year)], ignore_conflicts=True
        )
        series = InvoiceSeries.objects.select_for_update().get(prefix=prefix, year=year)
    number = series.next_number
    series.next_number = number + 1
    series.save(update_fields=["next_number"])
    return format_number(prefix, year, number)
