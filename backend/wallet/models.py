"""Wallet passes: one per ticket and holder, made when first asked for, with a serial number
that never changes and an update time the PassKit web service reports; the phones (Apple
Wallet devices) registered for updates of each pass.

A pass belongs to the person who held the ticket when they asked for it. An upgrade or a
new code while they still hold it updates their pass (same serial, new code); once the
ticket is transferred away (or voided) their pass is voided and keeps its last code, which
scans void; the new holder asks for a pass of their own (a new serial)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from backend.tickets.models import Ticket


def _serial() -> str:
    return uuid.uuid4().hex


class WalletPass(models.Model):
    """A ticket's pass for one holder. Its PassKit authentication token is not stored: it is
    derived from the serial number and ``SECRET_KEY`` (``services.apple.authentication_token``)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="wallet_passes")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet_passes"
    )
    version = models.PositiveIntegerField(help_text="The ticket version whose code it shows.")
    serial_number = models.CharField(max_length=64, unique=True, default=_serial, editable=False)
    updated_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When what the pass shows last changed."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "holder"], name="wallet_pass_per_holder")
        ]

    def __str__(self) -> str:
        return f"wallet pass {self.serial_number} (ticket {self.ticket_id})"


class AppleDevice(models.Model):
    """A device that registered for pass updates, with the token APNs knows it by."""

    library_id = models.CharField(max_length=128, unique=True)
    push_token = models.CharField(max_length=256)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"device {self.library_id[:12]}…"


class AppleRegistration(models.Model):
    device = models.ForeignKey(AppleDevice, on_delete=models.CASCADE, related_name="registrations")
    wallet_pass = models.ForeignKey(
        WalletPass, on_delete=models.CASCADE, related_name="registrations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["device", "wallet_pass"], name="wallet_one_registration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.device} for {self.wallet_pass}"
