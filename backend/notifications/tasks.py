"""Notifications tasks: the guest's e-mails about a booking (retried while the mail server
cannot be reached)."""

from __future__ import annotations

import smtplib

from celery import shared_task

from backend.notifications.services.booking_emails import booking_email_send


@shared_task(
    name="notifications.send_booking_email",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def send_booking_email(booking_id: str, kind: str) -> bool:
    return booking_email_send(booking_id=booking_id, kind=kind)
