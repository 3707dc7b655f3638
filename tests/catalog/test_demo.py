"""The demo repair shop's catalog: loaded by ``manage.py demo``, idempotent, realistic
(scooters and motorcycles, several brands, a dozen services, prices varying by model)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from backend.catalog.demo import load_repair_catalog
from backend.catalog.models import (
    Service,
    ServiceCategory,
    ServicePrice,
    VehicleBrand,
    VehicleModel,
    VehicleType,
)
from backend.inventory.demo import load_repair_shop

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            VehicleType,
            VehicleBrand,
            VehicleModel,
            ServiceCategory,
            Service,
            ServicePrice,
        )
    }


def test_without_the_event_nothing_is_loaded() -> None:
    assert "nothing loaded" in load_repair_catalog()
    assert set(counts().values()) == {0}


def test_the_demo_command_loads_it_and_a_second_run_changes_nothing() -> None:
    call_command("demo", stdout=io.StringIO())
    first = counts()
    price = ServicePrice.objects.filter(offered=True).first()
    assert price is not None
    price.price = Decimal("1.00")  # staff changed it in the admin
    price.save()

    line = load_repair_catalog()

    assert counts() == first
    price.refresh_from_db()
    assert price.price == Decimal("1.00")
    assert "models of" in line


def test_a_realistic_catalog(api: Any) -> None:
    load_repair_shop()
    load_repair_catalog()

    assert set(VehicleType.objects.values_list("name", flat=True)) == {"Scooter", "Motorcycle"}
    assert VehicleBrand.objects.count() >= 6
    assert VehicleModel.objects.count() >= 15
    assert Service.objects.count() >= 12
    assert ServiceCategory.objects.count() >= 4

    def prices_of(brand: str, model: str) -> dict[str, str]:
        vehicle = VehicleModel.objects.get(brand__name=brand, name=model)
        answer = api.get(f"/api/catalog/pricing/?event=repair-shop&vehicle_model={vehicle.pk}")
        assert answer.status_code == 200
        assert answer.json()["currency"] == "INR"
        return {s["name"]: s["price"] for s in answer.json()["services"]}

    activa = prices_of("Honda", "Activa 6G")
    classic = prices_of("Royal Enfield", "Classic 350")
    duke = prices_of("KTM", "390 Duke")
    ather = prices_of("Ather", "450X")

    assert Decimal(activa["General service"]) < Decimal(classic["General service"])
    assert Decimal(classic["General service"]) < Decimal(duke["General service"])
    assert "Chain clean and lube" not in activa  # a scooter has no chain
    assert "Chain clean and lube" in classic
    assert "Engine oil change" not in ather  # electric
    assert activa["Puncture repair"] == classic["Puncture repair"] == "99.00"
