"""Inventory's Prometheus metrics: holds, counted where the services decide their fate.

``gatehouse_holds_total{outcome}``: taken, refused, released (by their owner), expired (by
the sweeper, or swept by a hold attempt that needed their units). A refusal's reason is the
error code the client gets (``sold_out``, ``hold_limit``, ``not_on_sale``...): a bounded set.
Both paths count the same way: the service (``hold_create``) and the rush route
(``backend/inventory/rush.py``).
"""

from __future__ import annotations

from prometheus_client import Counter

HOLDS = Counter("gatehouse_holds_total", "Holds by what became of them.", ["outcome"])
HOLD_REFUSALS = Counter(
    "gatehouse_hold_refusals_total", "Hold requests refused, by the error code answered.", ["code"]
)


_TAKEN = HOLDS.labels("taken")  # the hot path's child, looked up once


def hold_taken() -> None:
    _TAKEN.inc()


def hold_refused(code: str) -> None:
    HOLDS.labels("refused").inc()
    HOLD_REFUSALS.labels(code).inc()


def holds_ended(outcome: str, count: int = 1) -> None:
    if count:
        HOLDS.labels(outcome).inc(count)
