"""Bookings tasks: the periodic expiry of unpaid bookings."""

from __future__ import annotations

from celery import shared_task

from backend.bookings.services.bookings import bookings_expire as expire


@shared_task(name="bookings.expire", ignore_result=True)
def bookings_expire() -> int:
    """Every few seconds: unpaid bookings whose hold ended become ``expired``."""
    return expire()
