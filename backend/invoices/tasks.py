"""Invoices tasks: the e-mail with a booking's documents (retried while the mail server
cannot be reached)."""

from __future__ import annotations

import smtplib

from celery import shared_task

from backend.bookings.models import Booking
from backend.invoices.emails import send_invoices


@shared_task(
    name="invoices.send_invoices",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def send_invoices_email(booking_id: str) -> bool:
    booking = Booking.objects.select_related("event", "user").filter(pk=booking_id).first()
    return booking is not None and send_invoices(booking)
