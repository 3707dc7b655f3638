"""Bookings' Prometheus metrics, counted where the services make and confirm bookings."""

from __future__ import annotations

from prometheus_client import Counter

BOOKINGS = Counter(
    "gatehouse_bookings_total",
    "Bookings made (from a hold) and confirmed (paid, free, or to pay at the venue).",
    ["outcome"],
)


def booking_counted(outcome: str) -> None:
    BOOKINGS.labels(outcome).inc()
