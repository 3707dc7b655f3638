"""A guest's own booking changes under real concurrency on PostgreSQL: one booking cancelled
twice at once refunds once; two guests moving onto the same free time never oversell it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.bookings.models import Booking
from backend.core.errors import ApplicationError
from backend.inventory.models import Slot
from backend.payments.models import Payment
from backend.tickets.services.booking_changes import booking_guest_cancel, booking_reschedule
from tests.factories import UserFactory
from tests.support.concurrency import run_together
from tests.tickets.booking_change_support import ROOM_POLICY, STAY_POLICY, meeting_room, resort

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def outcome(call: Any) -> Any:
    def job() -> str:
        try:
            booking = call()
        except ApplicationError as error:
            return error.code
        return booking.status

    return job


def test_one_booking_cancelled_twice_at_once_is_refunded_once() -> None:
    guest = UserFactory()
    place = resort(**STAY_POLICY)
    booking = place.book(guest)
    cancel = outcome(lambda: booking_guest_cancel(user=guest, booking_id=booking.pk))

    outcomes = run_together([cancel, cancel, cancel])

    assert outcomes == {"refunded": 1, "already_cancelled": 2}
    booking.refresh_from_db()
    assert booking.refunded_amount == Decimal("6000.00")
    assert Payment.objects.get(booking=booking).refunded_amount == Decimal("6000.00")
    assert list(Slot.objects.filter(resource=place.resource).values_list("sold", flat=True)) == [
        0, 0, 0, 0, 0, 0,
    ]  # fmt: skip


def test_two_guests_moving_onto_one_free_time_never_oversell_it() -> None:
    place = meeting_room(**ROOM_POLICY)
    first, second = UserFactory(), UserFactory()
    one, two = place.book(first, first=0, count=1), place.book(second, first=1, count=1)
    target = place.slots[5].starts_at

    outcomes = run_together(
        [
            outcome(lambda: booking_reschedule(user=first, booking_id=one.pk, starts_at=target)),
            outcome(lambda: booking_reschedule(user=second, booking_id=two.pk, starts_at=target)),
        ]
    )

    assert outcomes == {"confirmed": 1, "sold_out": 1}
    slots = {s.pk: s for s in Slot.objects.filter(resource=place.resource)}
    assert slots[place.slots[5].pk].sold == 1
    assert sum(s.sold for s in slots.values()) == 2  # the loser keeps its own time
    assert all(s.sold + s.held <= s.capacity for s in slots.values())
    moved = Booking.objects.filter(items__slot=place.slots[5]).count()
    assert moved == 1


def test_a_cancel_racing_a_move_of_the_same_booking_ends_one_way() -> None:
    guest = UserFactory()
    place = meeting_room(**ROOM_POLICY)
    booking = place.book(guest, first=0, count=2)
    target = place.slots[4].starts_at

    outcomes = run_together(
        [
            outcome(lambda: booking_guest_cancel(user=guest, booking_id=booking.pk)),
            outcome(
                lambda: booking_reschedule(user=guest, booking_id=booking.pk, starts_at=target)
            ),
        ]
    )

    booking.refresh_from_db()
    assert booking.status == "refunded"
    assert sum(outcomes.values()) == 2
    assert outcomes["refunded"] == 1
    assert sum(Slot.objects.filter(resource=place.resource).values_list("sold", flat=True)) == 0
