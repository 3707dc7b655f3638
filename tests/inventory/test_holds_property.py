"""The engine's invariant under random sequences of the real hold services and a random clock.

A hypothesis state machine creates, releases, extends and converts holds, runs the sweeper and
the expiry warning, and moves the clock forward (often past expiries, before and after
sweeps).  After every step it compares the database with itself:

1. ``sold + units of active unexpired holds <= capacity`` and ``sold + held <= capacity``;
2. the counters are what the rows say: ``held`` = units of ``active`` holds (expired but not
   swept included), ``sold`` = units of ``converted`` holds;
3. ``slot_states(...).available`` (and ``event_availability``) = capacity - sold - units of
   active *unexpired* holds, never negative: an expired hold never counts;
4. no counter is negative, ``version`` never decreases and rises whenever a counter changes.

Each rule also checks the outcome of its service against the state just before the call
(e.g. a hold is refused exactly when the selector says it cannot fit) and how availability
moved: sweeping, converting and extending never change it.

Database: the test runs in pytest-django's per-test transaction (``db``).  Every example
(one run of the state machine) opens a savepoint in ``__init__`` and rolls back to it in
``teardown``, so each example starts from an empty database without the cost of
``transactional_db`` flushing every table between examples.  The services' own
``transaction.atomic`` blocks nest as savepoints inside it; their ``on_commit`` publishes
never run (the test transaction never commits) and are discarded with the savepoint.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from backend.core.errors import ValidationError
from backend.inventory.models import Hold, HoldItem, Slot
from backend.inventory.selectors.slots import event_availability, slot_states
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
from backend.inventory.services.sweeper import holds_warn_expiring
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory

T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)
HOLD_MINUTES = 10
MAX_EXTENSIONS = 2
MAX_LIVE_HOLDS = 3
MAX_QUANTITY = 6
USERS = 3

# What the services may refuse with; anything else escaping a service is a bug.
REFUSALS = (SoldOut, HoldLimit, HoldExpired, HoldNotActive, NotOnSale, ValidationError)

ACTIVE = Hold.Status.ACTIVE


class HoldsMachine(RuleBasedStateMachine):
    holds = Bundle("holds")

    def __init__(self) -> None:
        super().__init__()
        # One example = one savepoint, rolled back in teardown (see the module docstring).
        self.savepoint = transaction.savepoint()
        self.clock = T0
        self.versions: dict[int, tuple[int, int, int]] = {}

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)

    # -- setup ------------------------------------------------------------------------------

    @initialize(
        capacities=st.lists(st.integers(1, 4), min_size=3, max_size=4),
        resource_count=st.integers(2, 3),
    )
    def setup(self, capacities: list[int], resource_count: int) -> None:
        # The slots start 30 days after T0: far after any clock value a run can reach.
        self.event = EventFactory(
            starts_at=T0 + timedelta(days=30),
            ends_at=T0 + timedelta(days=30, hours=6),
            hold_minutes=HOLD_MINUTES,
            max_hold_extensions=MAX_EXTENSIONS,
            max_live_holds_per_user=MAX_LIVE_HOLDS,
            max_quantity_per_hold=MAX_QUANTITY,
        )
        resources = [ResourceFactory(event=self.event) for _ in range(resource_count)]
        self.slot_ids = []
        for index, capacity in enumerate(capacities):
            starts_at = self.event.starts_at + timedelta(hours=index)
            slot = SlotFactory(
                resource=resources[index % resource_count],
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                capacity=capacity,
            )
            self.slot_ids.append(slot.pk)
        self.users = [UserFactory() for _ in range(USERS)]

    # -- helpers ----------------------------------------------------------------------------

    def _available(self) -> dict[int, int]:
        return {s.id: s.available for s in slot_states(self.slot_ids, now=self.clock)}

    def _hold(self, pk: Any) -> Hold:
        return Hold.objects.select_related("event").get(pk=pk)

    def _units(self, pk: Any) -> dict[int, int]:
        return dict(HoldItem.objects.filter(hold_id=pk).values_list("slot_id", "quantity"))

    def _assert_available(self, expected: dict[int, int], what: str) -> None:
        assert self._available() == expected, f"availability after {what}"

    @staticmethod
    def _attempt(service: Any, **kwargs: Any) -> tuple[Any, Exception | None]:
        """(result, None), or (None, the refusal); any other exception propagates."""
        try:
            return service(**kwargs), None
        except REFUSALS as refusal:
            return None, refusal

    # -- rules ------------------------------------------------------------------------------

    @rule(
        target=holds,
        user=st.integers(0, USERS - 1),
        items=st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), min_size=1, max_size=3),
    )
    def create(self, user: int, items: list[tuple[int, int]]) -> Any:
        owner = self.users[user]
        requests = [
            ItemRequest(self.slot_ids[index % len(self.slot_ids)], quantity)
            for index, quantity in items
        ]
        wanted: Counter[int] = Counter()
        for request in requests:
            wanted[request.slot] += request.quantity
        before = self._available()
        live = Hold.objects.filter(
            user=owner, event=self.event, status=ACTIVE, expires_at__gt=self.clock
        ).count()
        fits = (
            wanted.total() <= MAX_QUANTITY
            and live < MAX_LIVE_HOLDS
            and all(before[slot] >= quantity for slot, quantity in wanted.items())
        )
        hold, refusal = self._attempt(
            hold_create, user=owner, event=self.event, items=requests, now=self.clock
        )
        if refusal is not None:
            assert not fits, f"refused with {refusal!r} although it fits: {before}"
            self._assert_available(before, "a refused hold")
            return multiple()
        assert fits, f"held {dict(wanted)} although only {before} was available"
        assert hold.status == ACTIVE
        assert hold.expires_at == self.clock + timedelta(minutes=HOLD_MINUTES)
        assert self._units(hold.pk) == dict(wanted)
        self._assert_available(
            {slot: left - wanted[slot] for slot, left in before.items()}, "a hold"
        )
        return hold.pk

    @rule(pk=holds)
    def release(self, pk: Any) -> None:
        hold = self._hold(pk)
        was = (hold.status, hold.expires_at)
        units = self._units(pk)
        before = self._available()
        _, refusal = self._attempt(hold_release, hold=hold, now=self.clock)
        if refusal is not None:
            assert was[0] != ACTIVE, f"an active hold refused release: {refusal!r}"
            self._assert_available(before, "a refused release")
            return
        assert was[0] == ACTIVE, f"released a {was[0]} hold"
        assert self._hold(pk).status == Hold.Status.RELEASED
        if was[1] > self.clock:  # an expired hold did not count, so nothing comes back
            before = {slot: left + units.get(slot, 0) for slot, left in before.items()}
        self._assert_available(before, "a release")

    @rule(pk=holds)
    def extend(self, pk: Any) -> None:
        hold = self._hold(pk)
        may = (
            hold.status == ACTIVE
            and hold.expires_at > self.clock
            and hold.extensions < MAX_EXTENSIONS
        )
        before = self._available()
        extended, refusal = self._attempt(hold_extend, hold=hold, now=self.clock)
        if refusal is not None:
            assert not may, f"a live hold refused an extension: {refusal!r}"
        else:
            assert may, (
                f"extended a hold that was {hold.status}, expiring {hold.expires_at},"
                f" extended {hold.extensions} times"
            )
            assert extended.expires_at == hold.expires_at + timedelta(minutes=HOLD_MINUTES)
            assert self._hold(pk).extensions == hold.extensions + 1
        self._assert_available(before, "an extension")

    @rule(pk=holds)
    def convert(self, pk: Any) -> None:
        """What a confirmed payment does."""
        hold = self._hold(pk)
        may = hold.status == ACTIVE and hold.expires_at > self.clock
        was = f"{hold.status}, expiring {hold.expires_at}"  # the service updates ``hold``
        before = self._available()
        _, refusal = self._attempt(hold_convert, hold=hold, now=self.clock)
        if refusal is not None:
            assert not may, f"a live hold refused conversion: {refusal!r}"
        else:
            assert may, f"converted a hold that was {was}"
            assert self._hold(pk).status == Hold.Status.CONVERTED
        self._assert_available(before, "a conversion")  # held became sold: same availability

    @rule(warn_first=st.booleans())
    def sweep(self, warn_first: bool) -> None:
        """The periodic job: optionally the expiry warnings, then the expiries."""
        before = self._available()
        if warn_first:
            holds_warn_expiring(now=self.clock)
            self._assert_available(before, "the expiry warning")
        due = Hold.objects.filter(status=ACTIVE, expires_at__lte=self.clock).count()
        assert holds_expire(now=self.clock) == due
        assert not Hold.objects.filter(status=ACTIVE, expires_at__lte=self.clock).exists()
        self._assert_available(before, "the sweeper")  # an expired hold never counted

    @rule(seconds=st.integers(0, 15 * 60), microseconds=st.integers(0, 999_999))
    def advance(self, seconds: int, microseconds: int) -> None:
        """Fractions of a second too, as ``timezone.now()`` has (stored as text on SQLite)."""
        self.clock += timedelta(seconds=seconds, microseconds=microseconds)

    @rule(microseconds=st.sampled_from([-1, 0, 1]))
    def advance_to_next_expiry(self, microseconds: int) -> None:
        """To the next expiry of an active hold, give or take a microsecond: where ``<`` and
        ``<=`` differ, and where a random clock would hardly ever land."""
        upcoming = Hold.objects.filter(status=ACTIVE, expires_at__gte=self.clock)
        expiry = upcoming.order_by("expires_at").values_list("expires_at", flat=True).first()
        if expiry is not None:
            self.clock = max(self.clock, expiry + timedelta(microseconds=microseconds))

    @rule()
    def read_event_page(self) -> None:
        """The event's listing (an ORM path) agrees with ``slot_states`` (raw SQL).  A rule, not
        an invariant: it is the slowest read, and ``slot_states`` is checked every step."""
        listed = {a.id: a.available for a in event_availability(self.event, now=self.clock)[0]}
        assert listed == self._available(), f"event listing at {self.clock:%H:%M:%S.%f}"

    # -- the checks after every step --------------------------------------------------------

    @invariant()
    def counters_match_rows_and_availability(self) -> None:
        if not hasattr(self, "event"):
            return
        # The counters and, from the rows, the units per kind of hold: one query.
        active = Q(hold_items__hold__status=ACTIVE)
        live = active & Q(hold_items__hold__expires_at__gt=self.clock)
        converted = Q(hold_items__hold__status=Hold.Status.CONVERTED)
        rows = (
            Slot.objects.filter(pk__in=self.slot_ids)
            .annotate(
                in_active=Coalesce(Sum("hold_items__quantity", filter=active), 0),
                in_live=Coalesce(Sum("hold_items__quantity", filter=live), 0),
                in_converted=Coalesce(Sum("hold_items__quantity", filter=converted), 0),
            )
            .values_list(
                "pk", "capacity", "sold", "held", "version", "in_active", "in_live", "in_converted"
            )
        )
        states = {s.id: s for s in slot_states(self.slot_ids, now=self.clock)}

        assert len(rows) == len(self.slot_ids)
        for pk, capacity, sold, held, version, in_active, in_live, in_converted in rows:
            where = f"slot {pk} at {self.clock:%H:%M:%S.%f}"
            # 4. nothing negative; version never goes back and rises with every change
            assert sold >= 0, where
            assert held >= 0, where
            last = self.versions.get(pk)
            if last is not None:
                assert version >= last[0], f"{where}: version went back"
                if (sold, held) != last[1:]:
                    assert version > last[0], f"{where}: counters changed, version did not"
            self.versions[pk] = (version, sold, held)
            # 1. the invariant, in both forms
            assert sold + in_live <= capacity, f"{where}: oversold"
            assert sold + held <= capacity, f"{where}: counters oversold"
            # 2. the counters are what the rows say
            assert held == in_active, f"{where}: held != units of active holds"
            assert sold == in_converted, f"{where}: sold != units of converted holds"
            # 3. availability: an expired hold never counts, swept or not
            assert states[pk].available == capacity - sold - in_live, f"{where}: available"
            assert states[pk].available >= 0, f"{where}: negative availability"
            assert states[pk].version == version, where


# About 15 s on SQLite and 25 s on PostgreSQL.  No "explain" phase: it traces every line
# (sys.settrace) of every run while shrinking, which through Django turns a minute of
# shrinking a counterexample into an hour.
SETTINGS = hypothesis_settings(
    max_examples=100,
    stateful_step_count=30,
    deadline=None,
    phases=[phase for phase in Phase if phase is not Phase.explain],
)


@pytest.mark.django_db
def test_the_invariant_holds_under_random_operations(hold_path: str) -> None:
    run_state_machine_as_test(HoldsMachine, settings=SETTINGS)
