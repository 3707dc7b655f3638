"""Payments at providers.

A ``Payment`` is one attempt to pay a booking at one provider (a Stripe PaymentIntent, a
Razorpay order, a test-provider payment, cash at the desk). Its status only moves forward
(``RANK``), so a late ``payment_failed`` cannot undo a success; the one step back is a failed
payment the guest tries again, which starts over as created. A failure keeps the provider's
reason: ``failure_code`` (a decline code) and ``failure_message`` (its own words). The
providers' webhook deliveries are the webhooks app's (``backend.webhooks.models.WebhookDelivery``).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models
from django.utils import timezone

from backend.bookings.models import Booking


class Payment(models.Model):
    class Status(models.TextChoices):
        CREATED = "created", "Created"
        FAILED = "failed", "Failed (may be retried)"
        CANCELED = "canceled", "Cancelled"
        SUCCEEDED = "succeeded", "Succeeded"
        REFUNDED = "refunded", "Refunded"

    # Forward only: a status is replaced only by one of a higher rank.
    RANK = {"created": 0, "failed": 1, "canceled": 2, "succeeded": 3, "refunded": 4}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=16)
    reference = models.CharField(
        max_length=100, blank=True, help_text="The provider's id: PaymentIntent, order."
    )
    provider_payment_id = models.CharField(
        max_length=100, blank=True, help_text="Razorpay's payment id, once paid."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CREATED)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    failure_code = models.CharField(
        max_length=64,
        blank=True,
        help_text="Why it failed, as the provider names it (card_declined, insufficient_funds…).",
    )
    failure_message = models.CharField(max_length=300, blank=True)
    # What we still owe the provider (a refund, a cancellation), tried until it is done.
    pending_action = models.CharField(
        max_length=8, blank=True, choices=[("refund", "Refund"), ("cancel", "Cancel")]
    )
    action_attempts = models.PositiveSmallIntegerField(default=0)
    action_due_at = models.DateTimeField(null=True, blank=True)
    action_error = models.CharField(
        max_length=300, blank=True, help_text="The provider's last refusal: needs a person."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["action_due_at"],
                condition=~models.Q(pending_action=""),
                name="payment_action_due",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"],
                condition=~models.Q(reference=""),
                name="payment_reference_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} payment {self.reference or self.id} ({self.status})"
