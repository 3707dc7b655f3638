"""The admin: seller settings and event tax are edited there; issued invoices are read-only,
with their lines inline."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from backend.core.models import AuditEntry
from backend.invoices.models import Invoice, SellerSettings
from tests.factories import UserFactory
from tests.invoices.conftest import documents, pay
from tests.support.bookings import Shop

pytestmark = pytest.mark.django_db


def test_seller_settings_are_edited_in_the_admin_and_audited(admin_browser: Client) -> None:
    answer = admin_browser.post(
        "/admin/invoices/sellersettings/add/",
        {"legal_name": "Gatehouse Events LLC", "legal_name_ar": "بوابة", "address": "Riyadh",
         "tax_number": "300000000000003", "invoice_prefix": "GH"},
    )  # fmt: skip

    assert answer.status_code == 302
    assert SellerSettings.current().tax_number == "300000000000003"
    assert AuditEntry.objects.filter(action="sellersettings.add").exists()
    assert admin_browser.get("/admin/invoices/sellersettings/add/").status_code == 403  # one


def test_an_invoice_is_shown_read_only_with_its_lines(admin_browser: Client, taxed: Shop) -> None:
    booking = taxed.book(UserFactory(), 2)
    pay(booking)
    [invoice] = documents(booking)

    page = admin_browser.get(f"/admin/invoices/invoice/{invoice.pk}/change/")
    listing = admin_browser.get("/admin/invoices/invoice/")
    edit: Any = admin_browser.post(f"/admin/invoices/invoice/{invoice.pk}/change/", {})

    assert page.status_code == 200
    content = page.content.decode()
    assert invoice.number in content
    assert "260.87" in content
    assert 'name="total"' not in content  # no input: read-only
    assert listing.status_code == 200
    assert edit.status_code == 403
    assert admin_browser.get(f"/admin/invoices/invoice/{invoice.pk}/delete/").status_code == 403
    assert Invoice.objects.get(pk=invoice.pk).total == invoice.total


def test_the_event_page_sets_the_tax(admin_browser: Client) -> None:
    content = admin_browser.get("/admin/inventory/event/add/").content.decode()
    assert 'name="tax_rate"' in content
    assert 'name="prices_include_tax"' in content
