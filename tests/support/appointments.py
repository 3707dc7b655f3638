"""A repair shop taking appointments: a service event that takes payment at the venue and
visits homes in Bengaluru, two bays in hourly slots, and a small catalog with per-model
prices (one model's own price, one service not offered for a model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.inventory.models import Event, Hold, Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from tests.factories import (
    ResourceFactory,
    ServiceCategoryFactory,
    ServiceEventFactory,
    ServiceFactory,
    ServicePriceFactory,
    SlotFactory,
    VehicleBrandFactory,
    VehicleModelFactory,
    VehicleTypeFactory,
)

HOURS = 8


@dataclass
class Garage:
    event: Event
    bays: Resource
    slots: list[Slot]  # hourly, consecutive, from 09:00 tomorrow
    activa: Any  # a scooter: general 649 (its own), oil not offered
    classic: Any  # a motorcycle: general 1399 (its own), oil at base
    general: Any  # 60 min, base 899
    oil: Any  # 30 min, base 399
    brakes: Any  # 45 min, base 299
    chain: Any  # 20 min, base 149
    services: list[Any] = field(default_factory=list)

    def hold(self, user: Any, first: int = 0, hours: int = 1, bays: Resource | None = None) -> Hold:
        slots = self.slots if bays is None else list(bays.slots.order_by("starts_at"))
        items = [ItemRequest(slot.pk, 1) for slot in slots[first : first + hours]]
        return hold_create(user=user, event=self.event, items=items)

    def details(self, *services: Any, model: Any = None, **extra: Any) -> dict[str, Any]:
        return {
            "customer_name": "Kiran",
            "phone": "+919999988888",
            "email": "kiran@example.com",
            "location": "shop",
            "vehicle_model": (model or self.activa).pk,
            "services": [s.pk for s in (services or (self.general,))],
            **extra,
        }

    def home(self, **extra: Any) -> dict[str, Any]:
        return {
            "location": "home",
            "address": "12 MG Road",
            "city": "Bengaluru",
            "postcode": "560001",
            **extra,
        }

    def book(
        self, user: Any, *services: Any, hours: int = 1, first: int = 0, **extra: Any
    ) -> Booking:
        hold = self.hold(user, first, hours)
        return booking_create(user=user, hold_id=hold.pk, details=self.details(*services, **extra))


def hourly_slots(bays: Resource, start: datetime, hours: int = HOURS) -> list[Slot]:
    return [
        SlotFactory(
            resource=bays,
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n + 1),
            capacity=bays.units,
        )
        for n in range(hours)
    ]


def make_garage(slug: str = "garage", bays: int = 2) -> Garage:
    event = ServiceEventFactory(
        slug=slug,
        pay_at_venue=True,
        home_visit_fee=Decimal("199.00"),
        home_visit_travel_minutes=30,
        service_area=["Bengaluru", "560 038"],
        hold_minutes=10,
    )
    resource = ResourceFactory(
        event=event, kind=Resource.Kind.SERVICE, name="Bays", units=bays, price="0.00"
    )
    start = (timezone.now() + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    slots = hourly_slots(resource, start)
    scooter = VehicleTypeFactory(event=event, name="Scooter")
    motorcycle = VehicleTypeFactory(event=event, name="Motorcycle")
    activa = VehicleModelFactory(brand=VehicleBrandFactory(vehicle_type=scooter, name="Honda"),
                                 name="Activa 6G")  # fmt: skip
    classic = VehicleModelFactory(
        brand=VehicleBrandFactory(vehicle_type=motorcycle, name="Royal Enfield"),
        name="Classic 350",
    )
    periodic = ServiceCategoryFactory(event=event, name="Periodic")
    repairs = ServiceCategoryFactory(event=event, name="Repairs")
    general = ServiceFactory(category=periodic, name="General service", duration_minutes=60,
                             base_price=Decimal("899.00"))  # fmt: skip
    oil = ServiceFactory(category=periodic, name="Oil change", duration_minutes=30,
                         base_price=Decimal("399.00"))  # fmt: skip
    brakes = ServiceFactory(category=repairs, name="Brake pads", duration_minutes=45,
                            base_price=Decimal("299.00"))  # fmt: skip
    chain = ServiceFactory(category=repairs, name="Chain adjustment", duration_minutes=20,
                           base_price=Decimal("149.00"))  # fmt: skip
    ServicePriceFactory(service=general, vehicle_model=activa, price=Decimal("649.00"))
    ServicePriceFactory(service=general, vehicle_model=classic, price=Decimal("1399.00"))
    ServicePriceFactory(service=oil, vehicle_model=activa, offered=False, price=None)
    return Garage(event, resource, slots, activa, classic, general, oil, brakes, chain,
                  [general, oil, brakes, chain])  # fmt: skip


@pytest.fixture
def garage(db: Any) -> Garage:
    return make_garage()
