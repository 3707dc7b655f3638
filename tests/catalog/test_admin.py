"""The catalog in the admin: the price-list import page, audited edits (inline ones too),
and a price saved there served at once, by this process and by a live server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backend.catalog.models import ServicePrice
from backend.core.models import AuditEntry
from tests.catalog.conftest import Shop

pytestmark = pytest.mark.django_db(transaction=True)

IMPORT_URL = "/admin/catalog/serviceprice/import/"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("prices.csv", text.encode(), content_type="text/csv")


def pricing(client: Any, shop: Shop, model: Any) -> dict[str, str]:
    answer = client.get(f"/api/catalog/pricing/?event=repair-shop&vehicle_model={model.pk}")
    assert answer.status_code == 200
    return {s["name"]: s["price"] for s in answer.json()["services"]}


class TestImportPage:
    def test_the_list_links_to_the_import(self, admin_browser: Client, shop: Shop) -> None:
        page = admin_browser.get("/admin/catalog/serviceprice/")

        assert page.status_code == 200
        assert IMPORT_URL in page.content.decode()

    def test_a_dry_run_shows_what_would_change(self, admin_browser: Client, shop: Shop) -> None:
        form = admin_browser.get(IMPORT_URL)
        answer = admin_browser.post(
            IMPORT_URL,
            {
                "event": shop.event.pk,
                "dry_run": "on",
                "file": upload("brand,model,service,price\nTVS,Jupiter,General service,799\n"),
            },
        )

        assert form.status_code == 200
        html = answer.content.decode()
        assert "Dry run: nothing was written." in html
        assert "Would create: 1" in html
        assert not ServicePrice.objects.filter(vehicle_model=shop.jupiter).exists()

    def test_bad_lines_are_listed_and_nothing_is_written(
        self, admin_browser: Client, shop: Shop
    ) -> None:
        answer = admin_browser.post(
            IMPORT_URL,
            {
                "event": shop.event.pk,
                "file": upload(
                    "brand,model,service,price\nTVS,Jupiter,General service,799\n"
                    "TVS,Jupiter,Oil,12\n"
                ),
            },
        )

        html = answer.content.decode()
        assert "1 invalid row (line 3); nothing was written." in html
        assert 'id="report-invalid"' in html
        assert "No service &#x27;Oil&#x27; in this catalog." in html
        assert not ServicePrice.objects.filter(vehicle_model=shop.jupiter).exists()

    def test_an_unreadable_file_says_why(self, admin_browser: Client, shop: Shop) -> None:
        answer = admin_browser.post(
            IMPORT_URL, {"event": shop.event.pk, "file": upload("phone\n+966500000001\n")}
        )

        assert "The file has no" in answer.content.decode()
        assert 'id="import-report"' not in answer.content.decode()

    def test_an_import_is_applied_audited_and_served_at_once(
        self, admin_browser: Client, shop: Shop, api: Any
    ) -> None:
        assert pricing(api, shop, shop.jupiter)["General service"] == "899.00"

        answer = admin_browser.post(
            IMPORT_URL,
            {
                "event": shop.event.pk,
                "file": upload("brand,model,service,price\nTVS,Jupiter,General service,799\n"),
            },
        )

        assert "Imported: 1 created" in answer.content.decode()
        entry = AuditEntry.objects.get(action="catalog.price_import")
        assert entry.actor_label.startswith("root@example.com")
        assert pricing(api, shop, shop.jupiter)["General service"] == "799.00"

    def test_only_for_staff_who_may_add_prices(self, client: Client, shop: Shop) -> None:
        answer = client.get(IMPORT_URL)

        assert answer.status_code == 302  # to the admin's sign-in


class TestAuditedEdits:
    def test_a_price_changed_in_the_admin_is_audited_and_served_at_once(
        self, admin_browser: Client, shop: Shop, api: Any
    ) -> None:
        price = ServicePrice.objects.get(service=shop.general, vehicle_model=shop.classic)
        assert pricing(api, shop, shop.classic)["General service"] == "1399.00"

        answer = admin_browser.post(
            f"/admin/catalog/serviceprice/{price.pk}/change/",
            {
                "service": shop.general.pk,
                "vehicle_model": shop.classic.pk,
                "offered": "on",
                "price": "1299.00",
            },
        )

        assert answer.status_code == 302, answer.content.decode()[:2000]
        entry = AuditEntry.objects.get(action="serviceprice.change")
        assert entry.before["price"] == "1399.00"
        assert entry.after["price"] == "1299.00"
        assert entry.event_id == shop.event.pk
        assert pricing(api, shop, shop.classic)["General service"] == "1299.00"

    def test_an_offered_price_needs_a_price(self, admin_browser: Client, shop: Shop) -> None:
        answer = admin_browser.post(
            "/admin/catalog/serviceprice/add/",
            {"service": shop.puncture.pk, "vehicle_model": shop.classic.pk, "offered": "on"},
        )

        assert answer.status_code == 200
        assert "An offered service needs a price for this model." in answer.content.decode()
        assert not AuditEntry.objects.exists()

    def test_prices_edited_inline_on_a_service_are_audited_one_by_one(
        self, admin_browser: Client, shop: Shop, api: Any
    ) -> None:
        existing = ServicePrice.objects.get(service=shop.general, vehicle_model=shop.classic)
        answer = admin_browser.post(
            f"/admin/catalog/service/{shop.general.pk}/change/",
            {
                "name_en": "General service",
                "category": shop.periodic.pk,
                "description": "",
                "duration_minutes": "90",
                "base_price": "899.00",
                "active": "on",
                "sort_order": "1",
                "prices-TOTAL_FORMS": "2",
                "prices-INITIAL_FORMS": "1",
                "prices-MIN_NUM_FORMS": "0",
                "prices-MAX_NUM_FORMS": "1000",
                "prices-0-id": existing.pk,
                "prices-0-service": shop.general.pk,
                "prices-0-vehicle_model": shop.classic.pk,
                "prices-0-offered": "on",
                "prices-0-price": "1450.00",
                "prices-1-service": shop.general.pk,
                "prices-1-vehicle_model": shop.jupiter.pk,
                "prices-1-price": "",
            },
        )

        assert answer.status_code == 302, answer.content.decode()[:3000]
        changed = AuditEntry.objects.get(action="serviceprice.change")
        added = AuditEntry.objects.get(action="serviceprice.add")
        assert (changed.before["price"], changed.after["price"]) == ("1399.00", "1450.00")
        assert added.after == {"vehicle_model_id": shop.jupiter.pk, "offered": False, "price": None}
        assert not AuditEntry.objects.filter(action="service.change").exists()  # unchanged
        prices = pricing(api, shop, shop.classic)
        assert prices["General service"] == "1450.00"
        assert "General service" not in pricing(api, shop, shop.jupiter)

    def test_deleting_a_brand_is_audited_and_its_models_go_from_the_api(
        self, admin_browser: Client, shop: Shop, api: Any
    ) -> None:
        assert api.get("/api/catalog/vehicle-models/?event=repair-shop").json()["count"] == 3

        answer = admin_browser.post(
            f"/admin/catalog/vehiclebrand/{shop.tvs.pk}/delete/", {"post": "yes"}
        )

        assert answer.status_code == 302
        assert AuditEntry.objects.get(action="vehiclebrand.delete").before["name"] == "TVS"
        assert api.get("/api/catalog/vehicle-models/?event=repair-shop").json()["count"] == 2


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_a_price_saved_in_the_admin_is_served_at_once_by_another_process(
    gatehouse_server: Any, admin_browser: Client, shop: Shop
) -> None:
    """The server (a daphne process) caches the answer in Redis; a save here bumps the
    version there, so its very next answer has the new price (and a new ETag)."""
    path = f"/api/catalog/pricing/?event=repair-shop&vehicle_model={shop.classic.pk}"
    price = ServicePrice.objects.get(service=shop.general, vehicle_model=shop.classic)
    with httpx.Client(base_url=gatehouse_server.url, timeout=10) as client:
        first = client.get(path)
        cached = client.get(path, headers={"If-None-Match": first.headers["ETag"]})

        admin_browser.post(
            f"/admin/catalog/serviceprice/{price.pk}/change/",
            {
                "service": shop.general.pk,
                "vehicle_model": shop.classic.pk,
                "offered": "on",
                "price": "1249.00",
            },
        )
        after = client.get(path, headers={"If-None-Match": first.headers["ETag"]})

    assert first.json()["services"][0]["price"] == "1399.00"
    assert cached.status_code == 304
    assert after.status_code == 200
    assert after.json()["services"][0]["price"] == "1249.00"
    assert after.headers["ETag"] != first.headers["ETag"]
