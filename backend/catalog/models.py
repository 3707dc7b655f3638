"""The catalog of a service event (the repair shop): what vehicles it works on and what it
does to them, at what price.

Vehicles: type → brand → model (a brand belongs to one type: "Honda" scooters and "Honda"
motorcycles are two brands). Services: category → service, each with a duration and a base
price. A :class:`ServicePrice` row overrides the base price of one service for one model, or
marks the service as not offered for that model; without a row the base price applies.

Money follows the inventory's convention: ``Decimal`` with two places, in the event's
currency (``Event.currency``); nothing here stores a currency of its own.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from backend.inventory.models import Event

PRICE_MAX_DIGITS, PRICE_DECIMAL_PLACES = 12, 2


def price_field(*, null: bool = False, help_text: str = "") -> models.DecimalField:
    """A price: ``Decimal`` with two places, never negative, in the event's currency."""
    return models.DecimalField(
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
        validators=[MinValueValidator(Decimal("0.00"))],
        null=null,
        blank=null,
        help_text=help_text,
    )


class VehicleType(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="vehicle_types")
    name = models.CharField(max_length=100)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="catalog_one_type_name")
        ]

    def __str__(self) -> str:
        return self.name


class VehicleBrand(models.Model):
    vehicle_type = models.ForeignKey(VehicleType, on_delete=models.CASCADE, related_name="brands")
    name = models.CharField(max_length=100)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vehicle_type", "name"], name="catalog_one_brand_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.vehicle_type.name})"

    @property
    def event(self) -> Event:
        return self.vehicle_type.event


class VehicleModel(models.Model):
    brand = models.ForeignKey(VehicleBrand, on_delete=models.CASCADE, related_name="models")
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True, help_text="Inactive models are not offered.")
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "name"], name="catalog_one_model_name")
        ]

    def __str__(self) -> str:
        return f"{self.brand.name} {self.name}"

    @property
    def event(self) -> Event:
        return self.brand.vehicle_type.event


class ServiceCategory(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="service_categories")
    name = models.CharField(max_length=100)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name", "id"]
        verbose_name_plural = "service categories"
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="catalog_one_category_name")
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    category = models.ForeignKey(ServiceCategory, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    duration_minutes = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    base_price = price_field(help_text="In the event's currency; a model's own price wins.")
    active = models.BooleanField(default=True, help_text="Inactive services are not offered.")
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="catalog_one_service_name"),
            models.CheckConstraint(
                condition=models.Q(base_price__gte=0), name="catalog_base_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def event(self) -> Event:
        return self.category.event


class ServicePrice(models.Model):
    """One service for one model: its own price, or not offered (``price`` empty)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices")
    vehicle_model = models.ForeignKey(
        VehicleModel, on_delete=models.CASCADE, related_name="service_prices"
    )
    offered = models.BooleanField(default=True)
    price = price_field(null=True, help_text="Required when offered; empty when not.")

    class Meta:
        ordering = ["service", "vehicle_model", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "vehicle_model"], name="catalog_one_price_per_model"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(offered=True, price__isnull=False, price__gte=0)
                    | models.Q(offered=False, price__isnull=True)
                ),
                name="catalog_price_when_offered",
            ),
        ]

    def __str__(self) -> str:
        shown = self.price if self.offered else "not offered"
        return f"{self.service} for {self.vehicle_model}: {shown}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.offered and self.price is None:
            raise ValidationError({"price": "An offered service needs a price for this model."})
        if not self.offered:
            self.price = None
        if (
            self.service_id is not None
            and self.vehicle_model_id is not None
            and self.service.category.event_id != self.vehicle_model.brand.vehicle_type.event_id
        ):
            raise ValidationError("The service and the model belong to different events.")

    @property
    def event(self) -> Event:
        return self.service.category.event
