"""The hold services: all-or-nothing, bounded, and an expired hold never counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Sum

from backend.accounts.services.allowlist import NotOnAllowlist
from backend.core.errors import ValidationError
from backend.inventory.models import Event, Hold, Slot
from backend.inventory.selectors.slots import slot_states
from backend.inventory.services.holds import (
    HoldExpired,
    HoldLimit,
    HoldNotActive,
    ItemRequest,
    NotOnSale,
    SoldOut,
    hold_convert,
    hold_create,
    hold_extend,
    hold_release,
    holds_expire,
)
from backend.inventory.services.sweeper import holds_sweep, holds_warn_expiring
from tests.factories import AllowlistEntryFactory, SlotFactory, UserFactory
from tests.inventory.conftest import T0

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hold_path")]


def take(user: Any, event: Any, *items: tuple[Any, int], now: Any = T0) -> Hold:
    return hold_create(
        user=user, event=event, items=[ItemRequest(s.pk, q) for s, q in items], now=now
    )


def counters(slot: Slot) -> tuple[int, int]:
    slot.refresh_from_db()
    return slot.sold, slot.held


def available(slot: Slot, now: Any = T0) -> int:
    return slot_states([slot.pk], now=now)[0].available


class TestCreate:
    def test_a_hold_takes_units_until_expiry(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(10)

        hold = take(guest, event, (slot, 3))

        assert hold.status == "active"
        assert hold.expires_at == T0 + timedelta(minutes=10)
        assert counters(slot) == (0, 3)
        assert available(slot) == 7
        assert [(i.slot_id, i.quantity) for i in hold.items.all()] == [(slot.pk, 3)]

    def test_several_slots_all_or_nothing(self, event: Any, slot_of: Any, guests: Any) -> None:
        plenty, scarce = slot_of(10), slot_of(1)
        first, second = guests(2)
        take(first, event, (scarce, 1))

        with pytest.raises(SoldOut) as refused:
            take(second, event, (plenty, 2), (scarce, 1))

        assert counters(plenty) == (0, 0)  # nothing kept of the part that fitted
        assert refused.value.status == 409
        assert refused.value.extra["slots"] == [{"id": scarce.pk, "requested": 1, "available": 0}]

    def test_sold_out_names_every_short_slot_and_what_is_left(
        self, event: Any, slot_of: Any, guests: Any
    ) -> None:
        a, b, c = slot_of(3), slot_of(2), slot_of(5)
        first, second = guests(2)
        take(first, event, (a, 2), (b, 1))

        with pytest.raises(SoldOut) as refused:
            take(second, event, (a, 2), (b, 2), (c, 1))

        assert refused.value.extra["slots"] == [
            {"id": a.pk, "requested": 2, "available": 1},
            {"id": b.pk, "requested": 2, "available": 1},
        ]

    def test_items_for_the_same_slot_add_up(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(10)

        hold = take(guest, event, (slot, 2), (slot, 3))

        assert counters(slot) == (0, 5)
        assert hold.items.get().quantity == 5

    def test_one_live_hold_per_user_per_event(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(10)
        first = take(guest, event, (slot, 1))

        with pytest.raises(HoldLimit) as refused:
            take(guest, event, (slot, 1))
        hold_release(hold=first, now=T0)
        again = take(guest, event, (slot, 1))

        assert refused.value.extra["holds"] == [str(first.pk)]
        assert again.status == "active"

    def test_an_expired_hold_does_not_count_against_the_user(
        self, event: Any, slot_of: Any, guest: Any
    ) -> None:
        slot = slot_of(10)
        take(guest, event, (slot, 1))

        later = take(guest, event, (slot, 1), now=T0 + timedelta(minutes=10))

        assert later.status == "active"

    def test_at_most_the_events_quantity_per_hold(
        self, event: Any, slot_of: Any, guest: Any
    ) -> None:
        slot = slot_of(100)

        with pytest.raises(HoldLimit):
            take(guest, event, (slot, 11))
        assert take(guest, event, (slot, 10)).status == "active"

    @pytest.mark.parametrize("quantity", [0, -1])
    def test_quantities_must_be_positive(
        self, event: Any, slot_of: Any, guest: Any, quantity: int
    ) -> None:
        with pytest.raises(ValidationError):
            take(guest, event, (slot_of(5), quantity))

    def test_no_items_is_invalid(self, event: Any, guest: Any) -> None:
        with pytest.raises(ValidationError):
            hold_create(user=guest, event=event, items=[], now=T0)

    def test_a_slot_of_another_event_is_invalid(self, event: Any, guest: Any) -> None:
        elsewhere = SlotFactory()

        with pytest.raises(ValidationError, match="Some fields"):
            take(guest, event, (elsewhere, 1))
        assert counters(elsewhere) == (0, 0)

    def test_an_ended_slot_cannot_be_held(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(5)

        with pytest.raises(ValidationError):
            take(guest, event, (slot, 1), now=slot.ends_at)

    def test_an_event_not_on_sale_refuses(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(5)
        Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
        event.refresh_from_db()

        with pytest.raises(NotOnSale):
            take(guest, event, (slot, 1))

    def test_an_allowlist_only_event_holds_for_invited_phones_only(
        self, event: Any, slot_of: Any
    ) -> None:
        Event.objects.filter(pk=event.pk).update(allowlist_only=True)
        event.refresh_from_db()
        slot = slot_of(5)
        invited, stranger = UserFactory(), UserFactory()
        AllowlistEntryFactory(event=event, phone=invited.phone)

        with pytest.raises(NotOnAllowlist):
            take(stranger, event, (slot, 1))
        assert take(invited, event, (slot, 1)).status == "active"


class TestEndings:
    def test_release_gives_the_units_back_once(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(4)
        hold = take(guest, event, (slot, 3))

        hold_release(hold=hold, now=T0)
        with pytest.raises(HoldNotActive):
            hold_release(hold=Hold.objects.get(pk=hold.pk), now=T0)

        assert counters(slot) == (0, 0)
        assert Hold.objects.get(pk=hold.pk).status == "released"

    def test_convert_turns_held_into_sold(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(4)
        hold = take(guest, event, (slot, 3))

        hold_convert(hold=hold, now=T0 + timedelta(minutes=9))

        assert counters(slot) == (3, 0)
        assert available(slot) == 1
        with pytest.raises(HoldNotActive):
            hold_convert(hold=hold, now=T0)

    def test_convert_refuses_an_expired_hold(self, event: Any, slot_of: Any, guest: Any) -> None:
        slot = slot_of(4)
        hold = take(guest, event, (slot, 3))

        with pytest.raises(HoldExpired) as refused:
            hold_convert(hold=hold, now=T0 + timedelta(minutes=10))

        assert refused.value.status == 410
        assert counters(slot) == (0, 3)  # the sweeper will give them back

    def test_convert_refuses_a_released_hold(self, event: Any, slot_of: Any, guest: Any) -> None:
        hold = take(guest, event, (slot_of(4), 1))
        hold_release(hold=hold, now=T0)

        with pytest.raises(HoldNotActive):
            hold_convert(hold=hold, now=T0)

    def test_extend_adds_the_hold_time_to_the_current_end(
        self, event: Any, slot_of: Any, guest: Any
    ) -> None:
        hold = take(guest, event, (slot_of(4), 1))
        with_8_44_left = T0 + timedelta(minutes=10) - timedelta(minutes=8, seconds=44)

        extended = hold_extend(hold=hold, now=with_8_44_left)

        assert extended.expires_at - with_8_44_left == timedelta(minutes=18, seconds=44)
        assert extended.expires_at == T0 + timedelta(minutes=20)
        assert extended.extensions == 1

    def test_extend_with_9_59_left_gives_19_59(self, event: Any, slot_of: Any, guest: Any) -> None:
        hold = take(guest, event, (slot_of(4), 1))
        now = T0 + timedelta(seconds=1)

        extended = hold_extend(hold=hold, now=now)

        assert extended.expires_at - now == timedelta(minutes=19, seconds=59)

    def test_extensions_stack_up_to_the_last_allowed_and_one_more_is_refused(
        self,
        event: Any,
        slot_of: Any,
        guest: Any,
        captured_publishes: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        event.max_hold_extensions = 2
        event.save(update_fields=["max_hold_extensions"])
        hold = take(guest, event, (slot_of(4), 1))

        with django_capture_on_commit_callbacks(execute=True):
            first = hold_extend(hold=hold, now=T0 + timedelta(minutes=1))
            last = hold_extend(hold=hold, now=T0 + timedelta(minutes=2))
        with pytest.raises(HoldLimit) as refused:
            hold_extend(hold=hold, now=T0 + timedelta(minutes=3))

        assert first.expires_at == T0 + timedelta(minutes=20)
        assert last.expires_at == T0 + timedelta(minutes=30)
        assert last.extensions == 2
        assert refused.value.code == "hold_extension_limit"
        hold.refresh_from_db()
        assert hold.expires_at == T0 + timedelta(minutes=30)  # the refusal changed nothing
        extended = [sent.data for sent in captured_publishes if sent.kind == "hold.extended"]
        assert [data["extensions_left"] for data in extended] == [1, 0]
        assert extended[-1]["expires_at"] == T0 + timedelta(minutes=30)

    def test_an_expired_hold_cannot_be_extended(self, event: Any, slot_of: Any, guest: Any) -> None:
        hold = take(guest, event, (slot_of(4), 1))

        with pytest.raises(HoldExpired):
            hold_extend(hold=hold, now=T0 + timedelta(minutes=10))


class TestExpiry:
    def test_an_expired_hold_stops_counting_at_its_second(
        self, event: Any, slot_of: Any, guest: Any
    ) -> None:
        slot = slot_of(5)
        take(guest, event, (slot, 2))
        expiry = T0 + timedelta(minutes=10)

        assert available(slot, expiry - timedelta(microseconds=1)) == 3
        assert available(slot, expiry) == 5  # before any sweeper has run
        assert counters(slot) == (0, 2)

    def test_a_hold_attempt_sweeps_its_own_slots_first(
        self, event: Any, slot_of: Any, guests: Any
    ) -> None:
        slot = slot_of(1)
        first, second = guests(2)
        old = take(first, event, (slot, 1))

        later = T0 + timedelta(minutes=10, seconds=1)
        new = take(second, event, (slot, 1), now=later)

        assert new.status == "active"
        assert Hold.objects.get(pk=old.pk).status == "expired"
        assert counters(slot) == (0, 1)

    def test_the_sweeper_releases_expired_holds_once(
        self, event: Any, slot_of: Any, guests: Any
    ) -> None:
        a, b = slot_of(5), slot_of(5)
        first, second = guests(2)
        take(first, event, (a, 2), (b, 1))
        keep = take(second, event, (a, 1), now=T0 + timedelta(minutes=5))
        later = T0 + timedelta(minutes=11)

        released = holds_expire(now=later)
        again = holds_expire(now=later)

        assert (released, again) == (1, 0)
        assert counters(a) == (0, 1)
        assert counters(b) == (0, 0)
        assert Hold.objects.get(pk=keep.pk).status == "active"

    def test_expiring_is_announced_once_sixty_seconds_before(
        self, event: Any, slot_of: Any, guest: Any, captured_publishes: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:  # fmt: skip
        hold = take(guest, event, (slot_of(5), 1))

        with django_capture_on_commit_callbacks(execute=True):
            early = holds_warn_expiring(now=T0 + timedelta(minutes=8, seconds=59))
            on_time = holds_warn_expiring(now=T0 + timedelta(minutes=9))
            again = holds_warn_expiring(now=T0 + timedelta(minutes=9, seconds=30))

        assert (early, on_time, again) == (0, 1, 0)
        expiring = [p for p in captured_publishes if p.kind == "hold.expiring"]
        assert [p.topic for p in expiring] == [f"hold:{hold.pk}"]
        assert expiring[0].data["remaining_seconds"] == 60


class TestPublishing:
    def test_every_change_publishes_the_slots_new_numbers(
        self, event: Any, slot_of: Any, guest: Any, captured_publishes: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:  # fmt: skip
        slot = slot_of(5)
        with django_capture_on_commit_callbacks(execute=True):
            hold = take(guest, event, (slot, 2))
        with django_capture_on_commit_callbacks(execute=True):
            hold_release(hold=hold, now=T0)

        frames = [(p.topic, p.kind, p.data) for p in captured_publishes]
        versions = [
            data["slots"][0]["version"] for _, kind, data in frames if kind == "availability"
        ]
        assert frames[0][:2] == ("event:fest:availability", "availability")
        assert [d["slots"][0]["available"] for _, k, d in frames if k == "availability"] == [3, 5]
        assert versions == sorted(versions)
        assert len(set(versions)) == 2
        assert (f"hold:{hold.pk}", "hold.released") in [(t, k) for t, k, _ in frames]

    def test_a_failed_hold_publishes_nothing(
        self, event: Any, slot_of: Any, guests: Any, captured_publishes: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:  # fmt: skip
        slot = slot_of(1)
        first, second = guests(2)
        take(first, event, (slot, 1))
        captured_publishes.clear()

        with django_capture_on_commit_callbacks(execute=True), pytest.raises(SoldOut):
            take(second, event, (slot, 1))

        assert captured_publishes == []

    def test_the_sweeper_publishes_expiry_and_freed_units(
        self, event: Any, slot_of: Any, guest: Any, captured_publishes: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:  # fmt: skip
        slot = slot_of(3)
        hold = take(guest, event, (slot, 2))
        captured_publishes.clear()

        with django_capture_on_commit_callbacks(execute=True):
            holds_expire(now=T0 + timedelta(minutes=10))

        kinds = {(p.topic, p.kind) for p in captured_publishes}
        assert kinds == {
            ("event:fest:availability", "availability"),
            (f"hold:{hold.pk}", "hold.expired"),
        }
        availability = next(p for p in captured_publishes if p.kind == "availability")
        assert availability.data["slots"][0]["available"] == 3


def test_the_periodic_sweep_does_both_jobs(event: Any, slot_of: Any, guests: Any) -> None:
    first, second = guests(2)
    slot = slot_of(5)
    take(first, event, (slot, 1), now=T0 - timedelta(minutes=20))
    take(second, event, (slot, 1))

    assert holds_sweep() >= 1
    assert Hold.objects.filter(status="expired").count() >= 1


def test_counters_match_the_rows(event: Any, slot_of: Any, guests: Any) -> None:
    slot = slot_of(10)
    people = guests(4)
    holds = [take(person, event, (slot, 2)) for person in people]
    hold_convert(hold=holds[0], now=T0)
    hold_release(hold=holds[1], now=T0)

    held = slot.hold_items.filter(hold__status="active").aggregate(n=Sum("quantity"))["n"]
    sold = slot.hold_items.filter(hold__status="converted").aggregate(n=Sum("quantity"))["n"]
    assert counters(slot) == (sold, held) == (2, 4)


class TestQueryCounts:
    """Pinned. On PostgreSQL a hold is one statement (``inventory_hold_take``), granted or
    refused, however many slots. The plain path: read the slots (no lock), then in a
    transaction lock the user's row, count live holds, insert the hold and its items, and
    last one UPDATE … RETURNING per slot; the test's savepoint and its release are two more."""

    def test_hold_create_on_one_slot(
        self, event: Any, slot_of: Any, guest: Any, hold_path: str, django_assert_num_queries: Any
    ) -> None:
        slot = slot_of(10)

        with django_assert_num_queries(1 if hold_path == "one statement" else 8):
            take(guest, event, (slot, 1))

    def test_each_more_slot_costs_one_update(
        self, event: Any, slot_of: Any, guest: Any, hold_path: str, django_assert_num_queries: Any
    ) -> None:
        slots = [slot_of(10) for _ in range(3)]

        with django_assert_num_queries(1 if hold_path == "one statement" else 10):
            take(guest, event, *((s, 1) for s in slots))

    def test_a_release_costs_six(
        self, event: Any, slot_of: Any, guest: Any, django_assert_num_queries: Any
    ) -> None:
        """Claim the hold (one conditional UPDATE), sum its units, give them back (an UPDATE
        per slot), read the new numbers for the frame; the savepoint and its release."""
        hold = take(guest, event, (slot_of(10), 2))

        with django_assert_num_queries(6):
            hold_release(hold=hold, now=T0 + timedelta(minutes=1))

    def test_the_availability_snapshot_costs_three_however_many_slots(
        self, event: Any, slot_of: Any, guest: Any, django_assert_num_queries: Any
    ) -> None:
        """The listed event (with its venue), the expired-hold correction, the slots."""
        from backend.inventory.selectors.slots import availability_topic_snapshot

        for _ in range(5):
            slot_of(10)

        with django_assert_num_queries(3):
            snapshot = availability_topic_snapshot({"slug": event.slug}, {"from": "2026-12-01"})

        assert len(snapshot["slots"]) == 5

    def test_a_plain_sell_out_costs_one_read_and_no_lock(
        self, event: Any, slot_of: Any, guests: Any, django_assert_num_queries: Any
    ) -> None:
        slot = slot_of(1)
        first, second = guests(2)
        take(first, event, (slot, 1))

        with django_assert_num_queries(1), pytest.raises(SoldOut):
            take(second, event, (slot, 1))
