"""Catalog reads: the lists guests page through, and one model's price list (which
bookings will price appointments from).

Every list is a queryset of plain dicts in display order, shaped as the API answers, so a
page costs one query and its count another.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, FilteredRelation, Q, QuerySet

from backend.catalog.models import (
    Service,
    ServiceCategory,
    VehicleBrand,
    VehicleModel,
    VehicleType,
)
from backend.inventory.models import Event
from backend.inventory.selectors.events import events_listed


def catalog_event(*, slug: str) -> Event | None:
    """The service event with this slug that guests may see (never a draft)."""
    return events_listed().filter(slug=slug, kind=Event.Kind.SERVICE).first()


def vehicle_types(*, event: Event) -> QuerySet[Any, Any]:
    return VehicleType.objects.filter(event=event).values("id", "name")


def vehicle_type_exists(*, event: Event, vehicle_type_id: int) -> bool:
    return VehicleType.objects.filter(event=event, pk=vehicle_type_id).exists()


def vehicle_brands(*, event: Event, vehicle_type_id: int | None = None) -> QuerySet[Any, Any]:
    brands = VehicleBrand.objects.filter(vehicle_type__event=event)
    if vehicle_type_id is not None:
        brands = brands.filter(vehicle_type_id=vehicle_type_id)
    return brands.order_by("sort_order", "name", "id").values("id", "name", "vehicle_type")


def vehicle_brand_exists(*, event: Event, vehicle_brand_id: int) -> bool:
    return VehicleBrand.objects.filter(vehicle_type__event=event, pk=vehicle_brand_id).exists()


def vehicle_models(*, event: Event, vehicle_brand_id: int | None = None) -> QuerySet[Any, Any]:
    models = VehicleModel.objects.filter(brand__vehicle_type__event=event, active=True)
    if vehicle_brand_id is not None:
        models = models.filter(brand_id=vehicle_brand_id)
    return models.order_by("brand__sort_order", "brand__name", "sort_order", "name", "id").values(
        "id", "name", "brand", vehicle_type=F("brand__vehicle_type")
    )


def service_categories(*, event: Event) -> QuerySet[Any, Any]:
    return ServiceCategory.objects.filter(event=event).values("id", "name")


def service_category_exists(*, event: Event, category_id: int) -> bool:
    return ServiceCategory.objects.filter(event=event, pk=category_id).exists()


def services(*, event: Event, category_id: int | None = None) -> QuerySet[Any, Any]:
    found = Service.objects.filter(category__event=event, active=True)
    if category_id is not None:
        found = found.filter(category_id=category_id)
    return found.order_by(
        "category__sort_order", "category__name", "sort_order", "name", "id"
    ).values("id", "name", "description", "category", "duration_minutes", "base_price")


@dataclass(frozen=True)
class PricedService:
    id: int
    name: str
    category: int
    duration_minutes: int
    price: Decimal
    base_price: Decimal


@dataclass(frozen=True)
class PriceList:
    vehicle_model: VehicleModel
    currency: str
    services: list[PricedService]

    def price_of(self, service_id: int) -> PricedService | None:
        return next((s for s in self.services if s.id == service_id), None)


def model_price_list(*, event: Event, vehicle_model_id: int) -> PriceList | None:
    """The services offered for one active model of ``event``, each at that model's price
    (its own, or the service's base price); None if the event has no such model. Two queries."""
    model = (
        VehicleModel.objects.filter(
            brand__vehicle_type__event=event, active=True, pk=vehicle_model_id
        )
        .select_related("brand")
        .first()
    )
    if model is None:
        return None
    rows = (
        Service.objects.filter(category__event=event, active=True)
        .annotate(own=FilteredRelation("prices", condition=Q(prices__vehicle_model=model.pk)))
        .filter(Q(own__isnull=True) | Q(own__offered=True))
        .order_by("category__sort_order", "category__name", "sort_order", "name", "id")
        .values(
            "id", "name", "category", "duration_minutes", "base_price", own_price=F("own__price")
        )
    )
    return PriceList(
        vehicle_model=model,
        currency=event.currency,
        services=[
            PricedService(
                id=row["id"],
                name=row["name"],
                category=row["category"],
                duration_minutes=row["duration_minutes"],
                price=row["own_price"] if row["own_price"] is not None else row["base_price"],
                base_price=row["base_price"],
            )
            for row in rows
        ],
    )
