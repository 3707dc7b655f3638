"""A small repair-shop catalog: two types, three brands, four models, two categories with
three services, one model's own price and one service not offered for a model."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.factories import (
    ServiceCategoryFactory,
    ServiceEventFactory,
    ServiceFactory,
    ServicePriceFactory,
    VehicleBrandFactory,
    VehicleModelFactory,
    VehicleTypeFactory,
)


@dataclass
class Shop:
    event: Any
    scooter: Any
    motorcycle: Any
    honda: Any
    tvs: Any
    enfield: Any
    activa: Any
    jupiter: Any
    classic: Any
    retired: Any  # an inactive model
    periodic: Any
    tyres: Any
    general: Any  # base 899; Classic 350: 1399 of its own
    oil: Any  # base 399; not offered for the Activa (say)
    puncture: Any  # base 99


@pytest.fixture
def shop() -> Shop:
    event = ServiceEventFactory(slug="repair-shop", name="Bike service")
    scooter = VehicleTypeFactory(event=event, name="Scooter", sort_order=1)
    motorcycle = VehicleTypeFactory(event=event, name="Motorcycle", sort_order=2)
    honda = VehicleBrandFactory(vehicle_type=scooter, name="Honda")
    tvs = VehicleBrandFactory(vehicle_type=scooter, name="TVS")
    enfield = VehicleBrandFactory(vehicle_type=motorcycle, name="Royal Enfield")
    activa = VehicleModelFactory(brand=honda, name="Activa 6G")
    jupiter = VehicleModelFactory(brand=tvs, name="Jupiter")
    classic = VehicleModelFactory(brand=enfield, name="Classic 350")
    retired = VehicleModelFactory(brand=enfield, name="Thunderbird", active=False)
    periodic = ServiceCategoryFactory(event=event, name="Periodic service", sort_order=1)
    tyres = ServiceCategoryFactory(event=event, name="Tyres", sort_order=2)
    general = ServiceFactory(
        category=periodic, name="General service", base_price=Decimal("899.00"),
        duration_minutes=90, sort_order=1,
    )  # fmt: skip
    oil = ServiceFactory(
        category=periodic, name="Engine oil change", base_price=Decimal("399.00"),
        duration_minutes=30, sort_order=2,
    )  # fmt: skip
    puncture = ServiceFactory(
        category=tyres, name="Puncture repair", base_price=Decimal("99.00"), duration_minutes=20
    )
    ServicePriceFactory(service=general, vehicle_model=classic, price=Decimal("1399.00"))
    ServicePriceFactory(service=oil, vehicle_model=activa, offered=False, price=None)
    return Shop(
        event, scooter, motorcycle, honda, tvs, enfield, activa, jupiter, classic, retired,
        periodic, tyres, general, oil, puncture,
    )  # fmt: skip
