"""Bookings: what a guest bought from a hold, its guest details, and where it stands.

A booking copies its hold's items with their prices at booking time, so the amount never
changes after the guest saw it, and a refund gives back exactly the units that were sold.
Statuses change only through ``services/transitions.py``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from backend.catalog.models import Service
from backend.inventory.models import Event, Hold, Slot


class Booking(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Waiting for payment"
        CONFIRMED = "confirmed", "Confirmed"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"
        REFUNDED = "refunded", "Refunded"
        NO_SHOW = "no_show", "No-show"

    class PaymentStatus(models.TextChoices):
        UNPAID = "unpaid", "Unpaid"
        DUE = "due", "Due at the venue"
        PAID = "paid", "Paid"
        REFUNDED = "refunded", "Refunded"
        PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    hold = models.OneToOneField(
        Hold, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT, db_index=True
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    provider = models.CharField(max_length=16, blank=True, help_text="How it was paid.")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_phone = models.CharField(max_length=16, blank=True, db_index=True)
    contact_email = models.EmailField(blank=True)
    language = models.CharField(max_length=2, default="en")
    details = models.JSONField(default=dict, blank=True, help_text="Per-scenario details.")
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    paid_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal(0), help_text="Taken so far."
    )
    payment_status = models.CharField(
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.UNPAID,
        help_text="Follows status and money (``transitions.settle``).",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why it ended as it did.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["event", "status"], name="booking_event_status")]

    def __str__(self) -> str:
        return f"booking {self.id} ({self.status})"

    @property
    def reference(self) -> str:
        """A short code to read out at a desk (the start of the id)."""
        return str(self.id)[:8].upper()

    @property
    def email_address(self) -> str:
        """Where its e-mails go: the address given at checkout, else the account's once
        verified ("")."""
        return self.contact_email or (self.user.email if self.user.email_verified else "") or ""


class BookingItem(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="items")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="booking_items")
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "slot"], name="booking_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.slot}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


class BookingLine(models.Model):
    """One priced line of a service booking (the job card): a service at the vehicle model's
    price, the home-visit fee, or a service staff added during the job. A service booking's
    amount is the sum of its lines; so is a fee booking's (a booth's fee: one ``fee`` line, no
    slots). Other bookings have none (their amount is their slots')."""

    class Kind(models.TextChoices):
        SERVICE = "service", "Service"
        HOME_VISIT = "home_visit", "Home visit"
        ADDED_SERVICE = "added_service", "Service added during the job"
        FEE = "fee", "Fee"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking_lines"
    )
    name = models.CharField(max_length=200, help_text="As it was named when it was priced.")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class BookingPolicy(models.Model):
    """What a guest may change of a booking of this event by themselves, from My bookings
    (``backend.bookings.policy`` reads it; no row: neither cancelling nor rescheduling).

    Cancelling until the start: with the full amount paid back when it is at least
    ``free_cancellation_hours`` before the booking's start, ``late_refund_percent`` of it
    after that. Rescheduling until ``reschedule_hours`` before the start, to another time of
    the same event at the same price."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="booking_policy")
    cancellable = models.BooleanField(
        default=False, help_text="Guests may cancel their own booking before it starts."
    )
    free_cancellation_hours = models.PositiveIntegerField(
        default=0,
        help_text="A full refund up to this many hours before the start (0: until the start).",
    )
    late_refund_percent = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="What is paid back when cancelled later than that, until the start (0: none).",
    )
    reschedulable = models.BooleanField(
        default=False, help_text="Guests may move their booking to another time of this event."
    )
    reschedule_hours = models.PositiveIntegerField(
        default=0, help_text="Moving is possible up to this many hours before the start."
    )

    class Meta:
        verbose_name_plural = "booking policies"

    def __str__(self) -> str:
        return f"policy of {self.event}"


class WaitlistEntry(models.Model):
    """One account waiting for units of a sold-out slot (``docs/waiting-room.md``). Entries are
    served in the order they joined (``joined_at``, then id); an offer is a hold in the
    person's name (``hold``), made by ``services/waitlist.py``."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered"
        TAKEN = "taken", "Taken"
        LAPSED = "lapsed", "Lapsed"
        LEFT = "left", "Left"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="waitlist_entries")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="waitlist_entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    quantity = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    joined_at = models.DateTimeField(default=timezone.now)
    hold = models.OneToOneField(
        Hold,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="waitlist_entry",
        help_text="The offer: units held in the person's name.",
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "waitlist entries"
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="waitlist_one_per_account_slot"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="waitlist_quantity_positive"
            ),
        ]
        indexes = [models.Index(fields=["slot", "status", "joined_at"])]

    def __str__(self) -> str:
        return f"waitlist {self.pk} ({self.status})"
