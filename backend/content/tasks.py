"""Content tasks: a contact-form message e-mailed to the event's staff (retried while the
mail server cannot be reached)."""

from __future__ import annotations

import smtplib

from celery import shared_task

from backend.content.services.messages import contact_message_email_send


@shared_task(
    name="content.send_contact_message",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def send_contact_message(message_id: int) -> bool:
    return contact_message_email_send(message_id=message_id)
