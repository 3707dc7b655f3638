"""Appointments spanning several bay-slots never oversell the bays, on PostgreSQL with threads
that each have their own connection: many customers racing for overlapping consecutive hours,
each holding, booking (priced) and paying at the shop in one go."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.inventory.models import Slot
from backend.inventory.services.holds import SoldOut
from backend.payments.services.payments import booking_pay_at_venue
from tests.factories import UserFactory
from tests.support.appointments import Garage, make_garage
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def job(garage: Garage, user: Any, first: int, hours: int) -> Callable[[], str]:
    # 60, 105 and 125 minutes of work: one, two and three bay-hours.
    services = [garage.general, garage.brakes, garage.chain][:hours]

    def run() -> str:
        try:
            hold = garage.hold(user, first, hours)
        except SoldOut:
            return "sold_out"
        booking = booking_create(
            user=user, hold_id=hold.pk, details=garage.details(*services, model=garage.classic)
        )
        booking_pay_at_venue(booking=booking)
        return f"booked {hours}h"

    return run


def taken_per_slot(garage: Garage) -> dict[int, int]:
    taken: Counter[int] = Counter()
    for booking in Booking.objects.filter(event=garage.event, status="confirmed"):
        for item in booking.items.all():
            taken[item.slot_id] += item.quantity
    return dict(taken)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_overlapping_multi_hour_appointments_never_oversell(seed: int) -> None:
    garage = make_garage(bays=2)
    rng = random.Random(seed)
    jobs = []
    for _ in range(40):
        hours = rng.choice([1, 2, 3])
        first = rng.randrange(0, 4)  # all within the first six hours: heavy overlap
        jobs.append(job(garage, UserFactory(), first, hours))

    outcomes = run_together(jobs)

    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert outcomes["sold_out"] > 0
    taken = taken_per_slot(garage)
    for slot in Slot.objects.filter(resource=garage.bays):
        assert slot.held == 0, slot
        assert slot.sold == taken.get(slot.pk, 0), slot
        assert slot.sold <= slot.capacity == 2, slot
    # Each appointment took consecutive hours of one bay: as many slots as it was booked for.
    for booking in Booking.objects.filter(event=garage.event, status="confirmed"):
        starts = sorted(item.slot.starts_at for item in booking.items.all())
        assert len(starts) == len(booking.details["services"])
        assert booking.payment_status == "due"


def test_the_last_bay_hour_goes_to_exactly_one_of_many() -> None:
    garage = make_garage(bays=1)
    jobs = [job(garage, UserFactory(), 1, 2) for _ in range(20)]
    jobs += [job(garage, UserFactory(), 2, 2) for _ in range(20)]

    outcomes = run_together(jobs)

    assert sum(n for o, n in outcomes.items() if o.startswith("booked")) == 1, outcomes
    assert outcomes["sold_out"] == 39
