"""Vendors tasks: the decision e-mail (retried while the mail server cannot be reached)."""

from __future__ import annotations

import smtplib

from celery import shared_task

from backend.vendors.emails import send_decision
from backend.vendors.models import Vendor


@shared_task(
    name="vendors.send_decision_email",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def send_decision_email(vendor_id: int) -> bool:
    vendor = Vendor.objects.select_related("event", "user").filter(pk=vendor_id).first()
    return vendor is not None and send_decision(vendor)
