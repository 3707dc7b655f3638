"""The log of every message sent to a guest: one row per e-mail or SMS sent, failed or held
back, with whom it was for, which template, and what the provider answered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Message(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        SMS = "sms", "SMS"

    class Status(models.TextChoices):
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"  # refused, or could not be reached (a retry logs again)
        HELD = "held", "Not sent"  # never sent: no proved mobile number

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    template = models.CharField(max_length=64, help_text="Which message, e.g. booking.confirmed")
    language = models.CharField(max_length=2)
    to = models.CharField(max_length=254, blank=True, help_text="The address or number.")
    status = models.CharField(max_length=8, choices=Status.choices)
    answer = models.TextField(
        blank=True,
        help_text="The provider's answer: its message id, or why the message failed or was "
        "not sent. The text itself is not kept (an SMS may carry a link to tickets).",
    )
    attachments = models.JSONField(default=list, blank=True, help_text="File names.")
    booking = models.ForeignKey(
        "bookings.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "inventory.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["booking", "created_at"], name="message_booking_idx")]

    def __str__(self) -> str:
        return f"{self.channel} {self.template} to {self.to or '-'}: {self.status}"
