"""Notifications tasks: the guest's e-mails and SMS, retried while the mail server or the
SMS provider cannot be reached (each attempt is logged)."""

from __future__ import annotations

import smtplib

from celery import shared_task

from backend.accounts.sms import ProviderUnavailable
from backend.notifications.services.account_messages import (
    email_verification_send,
    register_attempt_send,
)
from backend.notifications.services.booking_messages import booking_email_send, booking_sms_send
from backend.notifications.services.password_messages import password_reset_send
from backend.notifications.services.transfer_messages import transfer_message_send
from backend.notifications.services.vendor_messages import vendor_decision_send
from backend.notifications.services.waitlist_messages import waitlist_offer_send

EMAIL_RETRY = {"autoretry_for": (OSError, smtplib.SMTPException), "retry_backoff": True,
               "max_retries": 5}  # fmt: skip
SMS_RETRY = {"autoretry_for": (ProviderUnavailable,), "retry_backoff": True, "max_retries": 5}


@shared_task(name="notifications.send_booking_email", **EMAIL_RETRY)
def send_booking_email(booking_id: str, kind: str) -> bool:
    return booking_email_send(booking_id=booking_id, kind=kind)


@shared_task(name="notifications.send_booking_sms", **SMS_RETRY)
def send_booking_sms(booking_id: str, kind: str) -> bool:
    return booking_sms_send(booking_id=booking_id, kind=kind)


@shared_task(
    name="notifications.send_transfer_message",
    autoretry_for=(OSError, smtplib.SMTPException, ProviderUnavailable),
    retry_backoff=True,
    max_retries=5,
)
def send_transfer_message(transfer_id: str, kind: str, channel: str) -> bool:
    return transfer_message_send(transfer_id=transfer_id, kind=kind, channel=channel)


@shared_task(name="notifications.send_vendor_decision", **EMAIL_RETRY)
def send_vendor_decision(vendor_id: int) -> bool:
    return vendor_decision_send(vendor_id=vendor_id)


@shared_task(name="notifications.send_password_reset", acks_late=True, **EMAIL_RETRY)
def send_password_reset(user_id: int) -> bool:
    return password_reset_send(user_id=user_id)


@shared_task(name="notifications.send_email_verification", acks_late=True, **EMAIL_RETRY)
def send_email_verification(user_id: int, email: str) -> bool:
    return email_verification_send(user_id=user_id, email=email)


@shared_task(name="notifications.send_register_attempt", acks_late=True, **EMAIL_RETRY)
def send_register_attempt(user_id: int, email: str) -> bool:
    return register_attempt_send(user_id=user_id, email=email)


@shared_task(
    name="notifications.send_waitlist_offer",
    autoretry_for=(OSError, smtplib.SMTPException, ProviderUnavailable),
    retry_backoff=True,
    max_retries=5,
)
def send_waitlist_offer(entry_id: str, channel: str) -> bool:
    return waitlist_offer_send(entry_id=entry_id, channel=channel)
