"""Demo invoicing: the seller's details, and the tax of each demo event (15 % VAT included in
the Saudi events' prices, 18 % GST added to the Indian ones'). Paid demo bookings loaded after
this (a vendor's booth fee) are invoiced as they are confirmed."""

from __future__ import annotations

from decimal import Decimal

from backend.inventory.models import Event
from backend.invoices.models import EventTax, SellerSettings

TAXES = {
    "vip-evening": (Decimal("15.00"), True),
    "meeting-rooms": (Decimal("15.00"), True),
    "summer-fest": (Decimal("15.00"), True),
    "goa-palm-grove": (Decimal("18.00"), False),
    "dandeli-river-lodge": (Decimal("18.00"), False),
    "repair-shop": (Decimal("18.00"), False),
}


def load_invoicing() -> str:
    if not SellerSettings.objects.exists():
        SellerSettings.objects.create(
            legal_name="Gatehouse Events LLC",
            legal_name_ar="بوابة للفعاليات ذ.م.م",
            address="King Fahd Road, Al Olaya\nRiyadh 12214, Saudi Arabia",
            tax_number="300000000000003",
            invoice_prefix="GH",
        )
    for event in Event.objects.filter(slug__in=TAXES):
        rate, gross = TAXES[event.slug]
        EventTax.objects.get_or_create(
            event=event, defaults={"rate": rate, "prices_include_tax": gross}
        )
    return f"invoices: seller settings, tax on {EventTax.objects.count()} events"


LOADERS = [load_invoicing]
