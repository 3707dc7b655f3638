"""Bookings tasks: the periodic expiry of unpaid bookings, and the guest's e-mails."""

from __future__ import annotations

import smtplib
from typing import TYPE_CHECKING

from celery import shared_task

from backend.bookings.emails import send_booking_email
from backend.bookings.services.bookings import bookings_expire as expire

if TYPE_CHECKING:
    from backend.bookings.models import Booking


@shared_task(name="bookings.expire", ignore_result=True)
def bookings_expire() -> int:
    """Every few seconds: unpaid bookings whose hold ended become ``expired``."""
    return expire()


@shared_task(
    name="bookings.send_email",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def send_booking_email_task(booking_id: str, kind: str) -> bool:
    """The guest's e-mail about a booking (retried when the mail server is unreachable)."""
    return send_booking_email(booking_id, kind)


def queue_booking_email(booking: Booking, kind: str) -> None:
    """An ``ON_NOTIFY`` hook: queue the guest's e-mail once the change has committed."""
    send_booking_email_task.delay(str(booking.pk), kind)
