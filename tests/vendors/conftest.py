"""A festival taking vendors: its staff, an applicant, booths, a load-in gate and a setup
window that is open now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.models import User
from backend.checkin.models import Gate
from backend.inventory.models import Event
from backend.vendors.models import Booth, Vendor, VendorSettings
from backend.vendors.services.decisions import vendor_approve
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, StaffFactory, UserFactory


def client_of(user: User) -> APIClient:
    client = APIClient()
    client.credentials(**bearer(sign_in(user)))
    return client


@dataclass
class Festival:
    event: Event
    staff: User
    settings: VendorSettings
    gate: Gate

    def booth(self, code: str = "A-01", **fields: Any) -> Booth:
        fields.setdefault("zone", "Food court")
        return Booth.objects.create(event=self.event, code=code, **fields)

    def vendor(
        self, name: str = "Saffron Kitchen", *, approved: bool = True, **fields: Any
    ) -> Vendor:
        fields.setdefault("user", UserFactory())
        vendor = Vendor.objects.create(
            event=self.event, name=name, category="food",
            contact_email=f"{name.split()[0].lower()}@example.com", **fields,
        )  # fmt: skip
        if approved:
            vendor_approve(vendor_id=vendor.pk, actor=self.staff)
            vendor.refresh_from_db()
        return vendor


@pytest.fixture
def festival(db: object) -> Festival:
    event = EventFactory(slug="summer-fest", currency="SAR")
    now = timezone.now()
    settings = VendorSettings.objects.create(
        event=event,
        setup_starts_at=now - timedelta(hours=1),
        setup_ends_at=now + timedelta(hours=5),
        crew_small=2,
        crew_medium=4,
    )
    gate = Gate.objects.create(event=event, name="Load-in gate", load_in=True)
    return Festival(event, StaffFactory(grant__event=event), settings, gate)


@pytest.fixture
def staff_api(festival: Festival) -> APIClient:
    return client_of(festival.staff)


FREE = Decimal(0)
