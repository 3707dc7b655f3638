"""The demo festival's vendors: booths in two zones, approved and waiting vendors, a load-in
gate and a setup window; loading the demo again changes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from backend.bookings.models import Booking
from backend.checkin.models import Gate
from backend.vendors.models import Booth, Vendor, VendorSettings


def vendor_rows() -> dict[str, Any]:
    return {
        "vendors": sorted(Vendor.objects.values_list("name", "status")),
        "booths": sorted(Booth.objects.values_list("code", "zone", "vendor__name")),
        "fees": Booking.objects.filter(details__has_key="fee").count(),
        "gates": Gate.objects.filter(load_in=True).count(),
    }


@pytest.mark.django_db
def test_the_demo_festival_runs_its_vendors_through_gatehouse() -> None:
    call_command("demo", stdout=io.StringIO())
    rows = vendor_rows()

    statuses = [status for _, status in rows["vendors"]]
    assert statuses.count("approved") >= 5
    assert statuses.count("pending") >= 2
    assert len({zone for _, zone, _ in rows["booths"]}) == 2
    assert sum(1 for *_, vendor in rows["booths"] if vendor) >= 4
    assert rows["fees"] >= 4
    assert rows["gates"] == 1
    setup = VendorSettings.objects.get(event__slug="summer-fest")
    assert setup.setup_starts_at < setup.setup_ends_at == setup.event.starts_at
    assert all(v.logo for v in Vendor.objects.all())

    call_command("demo", stdout=io.StringIO())

    assert vendor_rows() == rows
