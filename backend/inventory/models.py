"""Inventory: venues and events (resources, slots and holds arrive with the engine)."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as 'Asia/Riyadh'.")


class Venue(models.Model):
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, db_index=True, help_text="Searched by stay search.")
    address = models.CharField(max_length=300, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ON_SALE = "on_sale", "On sale"
        CLOSED = "closed", "Closed"

    class Kind(models.TextChoices):
        VIP = "vip", "VIP invitation"
        STAYS = "stays", "Resort stays"
        ROOMS = "rooms", "Time-slot rooms"
        FESTIVAL = "festival", "Festival ticketing"
        SERVICE = "service", "Service appointments"

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="events")
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    currency = models.CharField(
        max_length=3, default="SAR", validators=[RegexValidator(r"^[A-Z]{3}$", "ISO 4217 code")]
    )
    language = models.CharField(
        max_length=2, choices=[("ar", "العربية"), ("en", "English")], default="en"
    )
    hold_minutes = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    max_hold_extensions = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(10)]
    )
    allowlist_only = models.BooleanField(
        default=False, help_text="Only phones on this event's allowlist may sign in to book."
    )
    max_live_holds_per_user = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)]
    )
    max_quantity_per_hold = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name
