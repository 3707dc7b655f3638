"""The demo: the seller's details and each demo event's tax are set, and loading again
changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from backend.invoices.models import EventTax, Invoice, SellerSettings


@pytest.mark.django_db
def test_the_demo_sets_the_seller_and_each_events_tax() -> None:
    call_command("demo", stdout=io.StringIO())
    rows = sorted(EventTax.objects.values_list("event__slug", "rate", "prices_include_tax"))
    invoices = Invoice.objects.count()

    call_command("demo", stdout=io.StringIO())

    assert SellerSettings.objects.get().tax_number == "300000000000003"
    assert ("summer-fest", Decimal("15.00"), True) in rows
    assert ("repair-shop", Decimal("18.00"), False) in rows
    assert sorted(EventTax.objects.values_list("event__slug", "rate", "prices_include_tax")) == rows
    assert Invoice.objects.count() == invoices
