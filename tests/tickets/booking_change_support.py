"""A meeting room of 30-minute slots and a resort room by the night, with their policies,
and paid bookings of them, for the tests of a guest's own booking changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from backend.bookings.models import Booking, BookingPolicy
from backend.bookings.services.bookings import booking_create
from backend.inventory.models import Event, Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from tests.factories import EventFactory, ResourceFactory, SlotFactory
from tests.support.bookings import mark_paid


@dataclass
class Place:
    event: Event
    resource: Resource
    slots: list[Slot]

    def book(self, user: Any, first: int = 0, count: int = 2, *, paid: bool = True) -> Booking:
        chosen = self.slots[first : first + count]
        hold = hold_create(
            user=user, event=self.event, items=[ItemRequest(slot.pk, 1) for slot in chosen]
        )
        if self.event.kind == Event.Kind.STAYS:
            booking = booking_create(
                user=user, hold_id=hold.pk, guests=[{"name": "Asha", "age": 34}]
            )
        else:
            booking = booking_create(user=user, hold_id=hold.pk, details={"guest_count": 2})
        return mark_paid(booking=booking) if paid else booking


def _start() -> datetime:
    """A whole hour three days ahead (slot starts are compared exactly)."""
    return (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)


def meeting_room(**policy: Any) -> Place:
    """Eight 30-minute slots of one room at SAR 100.00, Stripe-like; policy as given."""
    event = EventFactory(kind=Event.Kind.ROOMS, currency="SAR", slug="rooms-h5")
    room = ResourceFactory(
        event=event, kind=Resource.Kind.SPACE, name="Boardroom", units=1, guest_capacity=8,
        price=Decimal("100.00"),
    )  # fmt: skip
    start = _start()
    slots = [
        SlotFactory(
            resource=room,
            starts_at=start + timedelta(minutes=30 * n),
            ends_at=start + timedelta(minutes=30 * (n + 1)),
            capacity=1,
        )
        for n in range(8)
    ]
    BookingPolicy.objects.create(event=event, **policy)
    return Place(event, room, slots)


def resort(**policy: Any) -> Place:
    """Six nights of one room at INR 3000.00 a night; policy as given."""
    event = EventFactory(kind=Event.Kind.STAYS, currency="INR", slug="stays-h5")
    room = ResourceFactory(
        event=event, kind=Resource.Kind.ROOM, name="Garden Villa", units=1, guest_capacity=3,
        price=Decimal("3000.00"),
    )  # fmt: skip
    check_in = _start().replace(hour=9)  # 14:30 in Kolkata, near enough
    slots = [
        SlotFactory(
            resource=room,
            starts_at=check_in + timedelta(days=n),
            ends_at=check_in + timedelta(days=n + 1),
            capacity=1,
        )
        for n in range(6)
    ]
    BookingPolicy.objects.create(event=event, **policy)
    return Place(event, room, slots)


ROOM_POLICY = {
    "cancellable": True,
    "free_cancellation_hours": 2,
    "late_refund_percent": 0,
    "reschedulable": True,
    "reschedule_hours": 2,
}
STAY_POLICY = {
    "cancellable": True,
    "free_cancellation_hours": 48,
    "late_refund_percent": 50,
    "reschedulable": True,
    "reschedule_hours": 48,
}
