"""Tickets: one per admitted unit of a confirmed booking, with a secret version that changes
whenever the ticket is issued again (a transfer), so an old QR code stops working."""

from __future__ import annotations

from django.db import models
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
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VALID)
    version = models.PositiveIntegerField(default=1, help_text="Rises when re-issued.")
    admitted_at = models.DateTimeField(null=True, blank=True)
    admitted_gate = models.ForeignKey(
        "checkin.Gate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    inside = models.BooleanField(default=False, help_text="Entry and exit gates: in now.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["event", "status"], name="ticket_event_status")]

    def __str__(self) -> str:
        return f"ticket {self.pk} ({self.label}, {self.status})"
