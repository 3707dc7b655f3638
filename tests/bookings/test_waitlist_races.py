"""Waitlist offers under real concurrency on PostgreSQL (threads with their own connections):
returns at the same instant never give one entry two offers nor one unit to two entries."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from backend.bookings.models import WaitlistEntry
from backend.bookings.services.waitlist import waitlist_join, waitlist_offer
from backend.inventory.models import Hold, Slot
from backend.inventory.services.holds import ItemRequest, hold_create, hold_release
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
W = WaitlistEntry.Status


def assert_offers_add_up(slot: Slot) -> None:
    slot.refresh_from_db()
    offered = list(WaitlistEntry.objects.filter(slot=slot, status=W.OFFERED))
    holds = [entry.hold for entry in offered]
    assert all(h is not None and h.status == Hold.Status.ACTIVE for h in holds)
    assert len({h.pk for h in holds if h}) == len(offered)  # one hold per offer
    assert all(h.user_id == e.user_id for h, e in zip(holds, offered, strict=True) if h)
    held = sum(item.quantity for h in holds if h for item in h.items.all())
    active = sum(
        item.quantity
        for item in slot.hold_items.select_related("hold").filter(hold__status="active")
    )
    assert slot.held == active
    assert slot.sold + slot.held <= slot.capacity
    assert held <= slot.capacity


@pytest.mark.parametrize("round_", range(3))
def test_returns_at_the_same_instant_offer_each_unit_once(round_: int) -> None:
    event = EventFactory(max_live_holds_per_user=5)  # only the waitlist stops a 2nd offer
    slot = SlotFactory(resource=ResourceFactory(event=event, units=4))
    holds = [
        hold_create(user=UserFactory(), event=event, items=[ItemRequest(slot.pk, 1)])
        for _ in range(4)
    ]
    entries = [
        waitlist_join(user=UserFactory(), event=event, slot_id=slot.pk, quantity=1)[0]
        for _ in range(6)
    ]

    def release(hold: Hold) -> Any:
        def job() -> str:
            hold_release(hold=hold)  # the hook offers right after the commit
            return "released"

        return job

    def offer() -> str:
        return f"offered {len(waitlist_offer(slot_id=slot.pk))}"

    outcomes = run_together([release(h) for h in holds] + [offer, offer])

    assert outcomes["released"] == 4, outcomes
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    statuses = Counter(
        WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {W.OFFERED: 4, W.WAITING: 2}
    # In the order they joined: the first four are offered.
    first_four = WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries[:4]])
    assert set(first_four.values_list("status", flat=True)) == {W.OFFERED}
    assert_offers_add_up(slot)


def test_offer_runs_racing_on_one_return_make_one_offer() -> None:
    event = EventFactory()
    slot = SlotFactory(resource=ResourceFactory(event=event, units=1))
    taken = hold_create(user=UserFactory(), event=event, items=[ItemRequest(slot.pk, 1)])
    entries = [
        waitlist_join(user=UserFactory(), event=event, slot_id=slot.pk, quantity=1)[0]
        for _ in range(3)
    ]
    Hold.objects.filter(pk=taken.pk).update(status=Hold.Status.RELEASED)
    Slot.objects.filter(pk=slot.pk).update(held=0)  # as if released without its hook

    def offer() -> str:
        return f"offered {len(waitlist_offer(slot_id=slot.pk))}"

    outcomes = run_together([offer for _ in range(8)])

    assert outcomes == {"offered 1": 1, "offered 0": 7}, outcomes
    assert [
        e.status
        for e in WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).order_by("pk")
    ] == [
        W.OFFERED,
        W.WAITING,
        W.WAITING,
    ]
    assert_offers_add_up(slot)
