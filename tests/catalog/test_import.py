"""The price-list import: numbers, 'base' and 'not offered'; all or nothing with each bad
line named; dry runs; what it tells the cache and the audit log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.catalog.cache import catalog_cache
from backend.catalog.models import ServicePrice
from backend.catalog.services.prices import PriceListFileError, price_list_import
from backend.core.models import AuditEntry
from tests.catalog.conftest import Shop
from tests.factories import ServiceFactory, VehicleBrandFactory, VehicleModelFactory

pytestmark = pytest.mark.django_db


def prices(shop: Shop) -> dict[tuple[str, str], Any]:
    return {
        (p.vehicle_model.name, p.service.name): p.price if p.offered else "not offered"
        for p in ServicePrice.objects.filter(service__category__event=shop.event).select_related(
            "service", "vehicle_model"
        )
    }


def run(shop: Shop, text: str, **kwargs: Any) -> Any:
    return price_list_import(event=shop.event, data=text.encode(), **kwargs)


def test_sets_prices_not_offered_and_back_to_base(shop: Shop) -> None:
    report = run(
        shop,
        "brand,model,service,price\n"
        "Honda,Activa 6G,General service,749\n"
        "TVS,Jupiter,Puncture repair,not offered\n"
        "Royal Enfield,Classic 350,General service,base\n"
        "Honda,Activa 6G,Engine oil change,-\n",
    )

    assert report.applied
    assert (report.rows, report.created, report.updated, report.to_base, report.unchanged) == (
        4, 2, 0, 1, 1,
    )  # fmt: skip
    assert prices(shop) == {
        ("Activa 6G", "General service"): Decimal("749.00"),
        ("Jupiter", "Puncture repair"): "not offered",
        ("Activa 6G", "Engine oil change"): "not offered",
    }


def test_names_are_matched_without_case_or_extra_spaces(shop: Shop) -> None:
    run(shop, "Brand;Model;Service;Price\n  royal enfield ; CLASSIC  350 ;general service;1499.5\n")

    assert prices(shop)[("Classic 350", "General service")] == Decimal("1499.50")


def test_an_existing_price_is_updated_and_offered_again(shop: Shop) -> None:
    report = run(shop, "brand,model,service,price\nHonda,Activa 6G,Engine oil change,350\n")

    assert (report.created, report.updated) == (0, 1)
    assert prices(shop)[("Activa 6G", "Engine oil change")] == Decimal("350.00")


def test_a_dry_run_writes_nothing(shop: Shop) -> None:
    before = prices(shop)

    report = run(shop, "brand,model,service,price\nTVS,Jupiter,General service,799\n", dry_run=True)

    assert not report.applied
    assert report.created == 1
    assert prices(shop) == before
    assert "Would create: 1" in report.summary()
    assert not AuditEntry.objects.filter(action="catalog.price_import").exists()


def test_one_bad_line_and_nothing_is_written_every_bad_line_named(shop: Shop) -> None:
    before = prices(shop)
    text = (
        "brand,model,service,price\n"
        "TVS,Jupiter,General service,799\n"  # fine
        "Bajaj,Pulsar,General service,999\n"  # 3: no such model
        "TVS,Jupiter,Valet parking,100\n"  # 4: no such service
        "TVS,Jupiter,Puncture repair,cheap\n"  # 5: not a price
        "TVS,Jupiter,Engine oil change,-5\n"  # 6: negative
        "TVS,Jupiter,Engine oil change,12.345\n"  # 7: three decimals
        "TVS,Jupiter,General service,801\n"  # 8: repeats line 2
        ",Jupiter,General service,1\n"  # 9: no brand
        "TVS,Jupiter,Puncture repair,1e400\n"  # 10: too big
        "TVS,Jupiter,Puncture repair,NaN\n"  # 11: not a number
    )

    with pytest.raises(PriceListFileError) as raised:
        run(shop, text)

    report = raised.value.report
    assert [line for line, _, _ in report.invalid] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    messages = {line: message for line, _, message in report.invalid}
    assert messages[3] == "No model 'Bajaj Pulsar' in this catalog."
    assert messages[4] == "No service 'Valet parking' in this catalog."
    assert "not a number such as 1299" in messages[5]
    assert messages[6] == "A price cannot be negative."
    assert "not a number" in messages[7]
    assert messages[8] == "This model and service are priced on line 2 too."
    assert messages[9] == "Empty brand."
    assert "cannot be more than" in messages[10]
    assert raised.value.message.startswith("9 invalid rows (line 3, 4, 5")
    assert raised.value.status == 400
    assert prices(shop) == before


def test_the_line_numbers_count_blank_and_multiline_records(shop: Shop) -> None:
    text = (
        "brand,model,service,price\n\n"
        'TVS,Jupiter,"General\nservicing",799\n\n'
        "TVS,Nope,General service,1\n"
    )

    with pytest.raises(PriceListFileError) as raised:
        run(shop, text)

    assert [line for line, _, _ in raised.value.report.invalid] == [3, 6]


def test_an_ambiguous_name_asks_for_the_column_that_tells_them_apart(shop: Shop) -> None:
    honda_bikes = VehicleBrandFactory(vehicle_type=shop.motorcycle, name="Honda")
    VehicleModelFactory(brand=honda_bikes, name="Activa 6G")  # the same name, another type
    ServiceFactory(category=shop.tyres, name="General service")  # the same name, another category

    with pytest.raises(PriceListFileError) as raised:
        run(shop, "brand,model,service,price\nHonda,Activa 6G,General service,1\n")
    fixed = run(
        shop,
        "vehicle_type,brand,model,category,service,price\n"
        "Scooter,Honda,Activa 6G,Periodic service,General service,777\n",
    )

    [(_, _, message)] = raised.value.report.invalid
    assert "add a vehicle_type column" in message
    assert "add a category column" in message
    assert fixed.created == 1


def test_another_events_models_are_unknown(shop: Shop) -> None:
    stranger = VehicleModelFactory(name="Stranger")

    with pytest.raises(PriceListFileError):
        run(shop, f"brand,model,service,price\n{stranger.brand.name},Stranger,General service,1\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \n\n", "The file is empty."),
        (b"brand,model,service,price\n", "The file has a header but no rows below it."),
        (b"\xff\xfe\x00b", "The file is not UTF-8 text."),
        (b"brand,model,price\nTVS,Jupiter,1\n", "The file has no 'service' column."),
        (b"name,phone\nx,y\n", "The file has no 'brand', 'model', 'service', 'price' columns."),
    ],
)
def test_a_file_that_cannot_be_read(shop: Shop, data: bytes, message: str) -> None:
    with pytest.raises(PriceListFileError) as raised:
        price_list_import(event=shop.event, data=data)

    assert raised.value.message.startswith(message)
    assert raised.value.report is None
    assert raised.value.code == "invalid_price_list"


def test_a_utf8_bom_and_tabs_are_fine(shop: Shop) -> None:
    data = "\ufeffbrand\tmodel\tservice\tprice\nTVS\tJupiter\tGeneral service\t799\n".encode()

    assert price_list_import(event=shop.event, data=data).created == 1


@pytest.mark.django_db(transaction=True)
def test_an_applied_import_is_audited_and_bumps_the_cache_once(shop: Shop) -> None:
    version = catalog_cache.version()

    run(
        shop,
        "brand,model,service,price\nTVS,Jupiter,General service,799\n"
        "Honda,Activa 6G,General service,base\nTVS,Jupiter,Puncture repair,-\n",
        actor=None,
    )

    entry = AuditEntry.objects.get(action="catalog.price_import")
    assert entry.event_id == shop.event.pk
    assert entry.after == {"created": 2, "updated": 0, "to_base": 0}
    assert catalog_cache.version() == version + 1


def test_a_dry_run_does_not_bump_the_cache(
    shop: Shop, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        run(shop, "brand,model,service,price\nTVS,Jupiter,General service,799\n", dry_run=True)

    assert callbacks == []
