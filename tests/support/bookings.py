"""Shared fixtures for bookings and payments tests: a festival on sale, a signed-in guest,
and helpers to hold and book through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.inventory.models import Event, Hold, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory


@dataclass
class Shop:
    """A festival on sale with one ticket type (capacity 10, SAR 150.00)."""

    event: Event
    slot: Slot

    def hold(self, user: Any, quantity: int = 1, slot: Slot | None = None) -> Hold:
        return hold_create(
            user=user, event=self.event, items=[ItemRequest((slot or self.slot).pk, quantity)]
        )

    def book(self, user: Any, quantity: int = 1) -> Booking:
        hold = self.hold(user, quantity)
        holders = [f"Holder {n}" for n in range(1, quantity + 1)]
        return booking_create(user=user, hold_id=hold.pk, details={"holders": holders})


@pytest.fixture
def shop(db: Any) -> Shop:
    event = EventFactory(slug="fest", currency="SAR", hold_minutes=10)
    slot = SlotFactory(resource=ResourceFactory(event=event, units=10, price="150.00"))
    return Shop(event, slot)


@pytest.fixture
def guest(db: Any) -> Any:
    return UserFactory(email="guest@example.com")


def desk_staff(event: Event) -> Any:
    """A staff member of ``event`` (made once), for staff actions tests need done."""
    from backend.accounts.models import Role, RoleGrant

    grant = RoleGrant.objects.filter(event=event, role=Role.STAFF, user__email__startswith="desk")
    if grant.exists():
        return grant.first().user
    staff = UserFactory(phone=None, email=f"desk-{event.pk}@example.com")
    RoleGrant.objects.create(user=staff, event=event, role=Role.STAFF)
    return staff


def mark_paid(*, booking: Booking) -> Booking:
    """Cash taken at the desk by staff of the booking's event: the shortest way to a
    confirmed booking with a payment."""
    from backend.payments.services.payments import booking_mark_paid

    return booking_mark_paid(booking=booking, actor=desk_staff(booking.event))


def client_of(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(**bearer(sign_in(user)))
    return client


@pytest.fixture
def guest_api(guest: Any) -> APIClient:
    return client_of(guest)
