"""Bookings tasks: the periodic expiry of unpaid bookings, and the guest's e-mails."""

from __future__ import annotations

from celery import shared_task

from backend.bookings.services.bookings import bookings_expire as expire


@shared_task(ignore_result=True)
def bookings_expire() -> int:
    """Every few seconds: unpaid bookings whose hold ended become ``expired``."""
    return expire()
