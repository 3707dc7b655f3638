"""Every webhook delivery a sender made to us, stored once before it is handled.

A ``WebhookDelivery`` is stored under a unique (sender, event id) before it is handled: a
replay finds the row and has no second effect. Its ``outcome`` says what handling it did
(``applied``, ``ignored``) or that it could not (``failed``: tried again on a replay, by the
admin's re-process action, or by the periodic job when it waited too long).

The table was created by the payments app (``payments_webhookdelivery``) and keeps its name:
the model moved here in Django's state only (see ``migrations/0001_initial.py``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WebhookDelivery(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting to be handled"
        APPLIED = "applied", "Applied"
        IGNORED = "ignored", "Nothing to do"
        FAILED = "failed", "Failed (see error)"

    # The sender (``stripe``, ``razorpay``, ``calendly``, ``test``): the column kept its name.
    provider = models.CharField(max_length=16)
    event_id = models.CharField(max_length=200)
    event_type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    detail = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "payments_webhookdelivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="webhook_event_once")
        ]
        # The worker's claim (oldest waiting first) reads only the few rows still waiting.
        indexes = [
            models.Index(
                fields=["received_at", "id"],
                condition=models.Q(processed_at__isnull=True),
                name="webhook_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_type} {self.event_id}"
