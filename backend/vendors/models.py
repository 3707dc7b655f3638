"""A festival's vendors: who applied, what staff decided, the booth each one got and the
crew its setup code lets in.

A vendor is one user's application for one event. Staff approve it (the user gets the
``vendor`` role on that event) or reject it with a reason; an approved vendor may be revoked,
which voids its setup code (``code_version`` rises) and frees its booth. Booths are places on
the festival map; each holds at most one vendor and each vendor at most one booth, both
enforced by the database, so two staff assigning at the same instant cannot both win.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from backend.bookings.models import Booking
from backend.inventory.models import Event

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class VendorSettings(models.Model):
    """How an event takes vendors: whether it accepts applications, when crews may set up,
    and how many crew members each booth size brings in."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="vendor_settings")
    applications_open = models.BooleanField(default=True)
    setup_starts_at = models.DateTimeField(
        null=True, blank=True, help_text="Setup codes admit crews from this moment…"
    )
    setup_ends_at = models.DateTimeField(
        null=True, blank=True, help_text="…until this one (empty: no setup window yet)."
    )
    crew_small = models.PositiveSmallIntegerField(default=2, validators=[MaxValueValidator(100)])
    crew_medium = models.PositiveSmallIntegerField(default=4, validators=[MaxValueValidator(100)])
    crew_large = models.PositiveSmallIntegerField(default=6, validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name_plural = "vendor settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(setup_ends_at__gt=models.F("setup_starts_at"))
                | models.Q(setup_starts_at__isnull=True)
                | models.Q(setup_ends_at__isnull=True),
                name="vendor_setup_window_forward",
            )
        ]

    def __str__(self) -> str:
        return f"vendor settings of {self.event}"

    def crew_for(self, size: str) -> int:
        crews: dict[str, int] = {
            Booth.Size.SMALL: self.crew_small,
            Booth.Size.MEDIUM: self.crew_medium,
            Booth.Size.LARGE: self.crew_large,
        }
        return crews.get(size, 0)


class Vendor(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        REVOKED = "revoked", "Revoked"

    class Category(models.TextChoices):
        FOOD = "food", "Food"
        DRINKS = "drinks", "Drinks"
        MERCHANDISE = "merchandise", "Merchandise"
        CRAFTS = "crafts", "Crafts"
        SERVICES = "services", "Services"
        OTHER = "other", "Other"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="vendors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_profiles"
    )
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=16, choices=Category.choices)
    description = models.TextField(max_length=2000, blank=True)
    logo = models.ImageField(upload_to="vendors/logos/", blank=True)
    website = models.URLField(blank=True)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=16, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.CharField(
        max_length=500, blank=True, help_text="Why it was rejected or revoked (sent to them)."
    )
    applied_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    code_version = models.PositiveIntegerField(
        default=1, help_text="Rises when the setup code is voided (a revocation)."
    )
    crew_admitted = models.PositiveIntegerField(
        default=0, editable=False, help_text="Crew members let in with the setup code."
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="vendor_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class Booth(models.Model):
    class Size(models.TextChoices):
        SMALL = "small", "Small"
        MEDIUM = "medium", "Medium"
        LARGE = "large", "Large"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(max_length=16, help_text="What the map and the signs say, e.g. A-01.")
    zone = models.CharField(max_length=60)
    size = models.CharField(max_length=8, choices=Size.choices, default=Size.SMALL)
    price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text="The booth fee, in the event's currency (0: free).",
    )
    # Where it is on the festival map, in percent of the map image's width and height.
    x = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT)
    y = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT)
    w = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(5), validators=PERCENT)
    h = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(5), validators=PERCENT)
    vendor = models.OneToOneField(
        Vendor, on_delete=models.SET_NULL, null=True, blank=True, related_name="booth"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    fee_booking = models.ForeignKey(
        Booking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The booking its vendor pays the fee through.",
    )

    class Meta:
        ordering = ["zone", "code"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="booth_code_once")]

    def __str__(self) -> str:
        return f"booth {self.code} ({self.zone})"
