"""Tickets: one per admitted unit of a confirmed booking, with a secret version that changes
whenever the ticket is issued again (a transfer), so an old QR code stops working."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from backend.bookings.models import Booking
from backend.inventory.models import Event, Slot


class Ticket(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        VOID = "void", "Void"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="tickets")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tickets")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="tickets")
    holder_name = models.CharField(max_length=150, blank=True)
    holder_phone = models.CharField(max_length=16, blank=True, db_index=True)
    label = models.CharField(max_length=200, help_text="What it admits: a seat, a ticket type.")
    reference = models.CharField(
        max_length=16,
        blank=True,
        db_index=True,
        help_text=(
            "What the guest sees (never the id): the booking's reference, followed by -1, -2 "
            "... when the booking has several tickets."
        ),
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VALID)
    version = models.PositiveIntegerField(default=1, help_text="Rises when re-issued.")
    admitted_at = models.DateTimeField(null=True, blank=True)
    admitted_gate = models.ForeignKey(
        "checkin.Gate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    inside = models.BooleanField(default=False, help_text="Entry and exit gates: in now.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets_received",
        help_text="Who holds it since a transfer; empty: the booking's user.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["event", "status"], name="ticket_event_status")]

    def __str__(self) -> str:
        return f"ticket {self.pk} ({self.label}, {self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A ticket made one at a time (not by ``tickets_issue``) numbers itself after the
        booking's tickets so far."""
        if not self.reference and self.booking_id:
            self.reference = f"{self.booking.reference}-{self.booking.tickets.count() + 1}"
        super().save(*args, **kwargs)


class TicketTransfer(models.Model):
    """An offer of a ticket to a phone number; its receiver accepts it once signed in with
    that phone, and the ticket is issued again (a new version: the old QR code is void).
    A pending offer past ``expires_at`` is expired (see :meth:`effective_status`)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="transfers")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transfers_sent"
    )
    phone = models.CharField(max_length=16, db_index=True, help_text="E.164, the receiver's.")
    name = models.CharField(max_length=150, blank=True, help_text="The new holder's name.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers_received",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True, help_text="Accepted or cancelled.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=Q(status="pending"),
                name="ticket_transfer_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"transfer of ticket {self.ticket_id} to {self.phone} ({self.status})"

    def effective_status(self, now: datetime | None = None) -> str:
        """The stored status, or ``expired`` for a pending offer past its time."""
        if self.status == self.Status.PENDING and self.expires_at <= (now or timezone.now()):
            return self.Status.EXPIRED
        return self.status
