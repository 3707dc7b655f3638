"""Holds: taking units of slots all-or-nothing, and giving them back exactly once.

The invariant ``sold + held <= capacity`` is kept by the database, one slot row at a time:

* taking is ``UPDATE slot SET held = held + n WHERE id = s AND capacity >= sold + held + n``
  (PostgreSQL re-checks the condition after waiting for a concurrent writer's row lock);
* giving back happens only after *claiming* the hold, a conditional UPDATE of its status
  (``WHERE status = 'active'``): whoever claims it (owner, sweeper, payment) gives the units
  back, nobody else, so nothing is released twice and no counter goes negative.

Slots are always changed in ascending id order, so two transactions wait for each other in
one direction only and never deadlock. No lock is ever taken on a whole event.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from backend.accounts.services.allowlist import NotOnAllowlist, allowlist_may_book
from backend.core.errors import ApplicationError, Conflict, ValidationError
from backend.inventory import hooks, metrics
from backend.inventory.models import Event, Hold, HoldItem, Slot
from backend.inventory.selectors.slots import SlotState, slot_states
from backend.inventory.services import sold_out_hints
from backend.inventory.services.hold_take import refusal, take_params, take_sql, taken_hold
from backend.realtime import publish
from backend.realtime.dashboard import mark_dashboard_dirty, mark_dashboard_dirty_async
from backend.realtime.dispatcher import dispatcher
from backend.realtime.payloads import (
    AVAILABILITY_COALESCE,
    hold_state,
    slot_changes,
)
from backend.realtime.topics import AVAILABILITY, HOLD

if TYPE_CHECKING:
    from backend.accounts.models import User

ACTIVE = Hold.Status.ACTIVE
MAX_SLOTS_PER_HOLD = 50
SWEEP_BATCH = 500


class SoldOut(Conflict):
    code, message = "sold_out", "Some of what you asked for is no longer available."


class HoldExpired(ApplicationError):
    status, code, message = 410, "hold_expired", "This hold has expired."


class HoldNotActive(Conflict):
    code, message = "hold_not_active", "This hold was already released or completed."


class HoldLimit(Conflict):
    code = "hold_limit"


class NotOnSale(Conflict):
    code, message = "not_on_sale", "This event is not on sale."


@dataclass(frozen=True)
class ItemRequest:
    slot: int
    quantity: int


def merged_per_slot(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(slot id, quantity) summed per slot, in ascending slot id order (the lock order)."""
    per_slot: dict[int, int] = defaultdict(int)
    for slot, quantity in pairs:
        per_slot[slot] += quantity
    return sorted(per_slot.items())


def _wanted(event: Event, items: Sequence[ItemRequest]) -> list[tuple[int, int]]:
    """(slot id, quantity) merged per slot, in ascending slot id order."""
    if not items:
        raise ValidationError(fields={"items": ["Ask for at least one slot."]})
    if any(item.quantity < 1 for item in items):
        raise ValidationError(fields={"items": ["Each quantity must be at least 1."]})
    wanted = merged_per_slot((item.slot, item.quantity) for item in items)
    if len(wanted) > MAX_SLOTS_PER_HOLD:
        raise ValidationError(fields={"items": [f"At most {MAX_SLOTS_PER_HOLD} slots at once."]})
    total = sum(quantity for _, quantity in wanted)
    if total > event.max_quantity_per_hold:
        raise HoldLimit(
            f"At most {event.max_quantity_per_hold} units per hold for this event.",
            limit=event.max_quantity_per_hold,
        )
    return wanted


def _sold_out(short: list[tuple[int, int]], states: dict[int, SlotState]) -> SoldOut:
    return SoldOut(
        slots=[
            {"id": slot_id, "requested": quantity, "available": max(0, states[slot_id].available)}
            for slot_id, quantity in short
        ]
    )


def _precheck(event: Event, wanted: list[tuple[int, int]], now: datetime) -> dict[int, SlotState]:
    """One read, no lock: refuse slots that are not this event's or have ended, and answer
    ``sold_out`` at once when the units are plainly gone (no expired hold to sweep).

    A read that finds enough proves nothing (the conditional UPDATE decides later); a read
    that finds too few is a true answer at that instant, so most refusals under a rush cost
    one query and no transaction.
    """
    states = {s.id: s for s in slot_states([slot_id for slot_id, _ in wanted], now=now)}
    unknown = [
        slot_id
        for slot_id, _ in wanted
        if slot_id not in states or states[slot_id].event != event.pk
    ]
    if unknown:
        raise ValidationError(fields={"items": [f"No slots {unknown} in this event."]})
    # slot_states() reads every slot's ends_at
    ended = [slot_id for slot_id, _ in wanted if cast(datetime, states[slot_id].ends_at) <= now]
    if ended:
        raise ValidationError(fields={"items": [f"Slots {ended} have already ended."]})
    short = [(slot_id, q) for slot_id, q in wanted if states[slot_id].available < q]
    if short and not any(states[slot_id].expired for slot_id, _ in short):
        raise _sold_out(short, states)
    return states


def hold_create(
    *,
    user: User,
    event: Event,
    items: Sequence[ItemRequest],
    amending: bool = False,
    now: datetime | None = None,
) -> Hold:
    """:func:`_hold_create`, counted (``gatehouse_holds_total``: taken or refused)."""
    try:
        hold = _hold_create(user=user, event=event, items=items, amending=amending, now=now)
    except ApplicationError as error:
        metrics.hold_refused(error.code)
        raise
    metrics.hold_taken()
    return hold


def _hold_create(
    *,
    user: User,
    event: Event,
    items: Sequence[ItemRequest],
    amending: bool = False,
    now: datetime | None = None,
) -> Hold:
    """Hold every requested unit, or none. A shortage caused only by holds that expired
    but were not swept yet is swept and the hold tried once more. ``amending``: the hold
    changes a booking already made (an upgrade), so it needs no invitation of its own."""
    now = now or timezone.now()
    if event.status != Event.Status.ON_SALE:
        raise NotOnSale()
    if (
        event.allowlist_only
        and not amending
        and not allowlist_may_book(event=event, phone=user.phone)
    ):
        raise NotOnAllowlist()
    wanted = _wanted(event, items)
    if connection.vendor == "postgresql" and settings.HOLDS_ONE_STATEMENT:
        return _take_in_one_trip(user, event, wanted, now)
    seen = _precheck(event, wanted, now)
    try:
        return _take(user, event, wanted, now, seen)
    except _Short as short:
        if not short.sweepable:
            raise short.error from None
        short_slots = short.slot_ids
    holds_expire(now=now, slot_ids=short_slots, wait=True)
    try:
        return _take(user, event, wanted, now, _precheck(event, wanted, now))
    except _Short as short:
        raise short.error from None


def _take_in_one_trip(
    user: User, event: Event, wanted: list[tuple[int, int]], now: datetime
) -> Hold:
    """PostgreSQL: the pre-check, the limit, the grant and the writes in one statement
    (``inventory_hold_take``); a shortage that expired holds could cure is swept and the
    statement sent once more, as on the plain path."""
    for attempt in (1, 2):
        hold_id = uuid.uuid4()
        params = take_params(
            event=event.pk, slug=None, user=user.pk, wanted=wanted, now=now, hold_id=hold_id
        )
        with connection.cursor() as cursor:
            cursor.execute(take_sql(False, own_transaction=not connection.in_atomic_block), params)
            answer = _json(cursor.fetchone()[0])
        if answer["outcome"] == "held":
            made = taken_hold(answer, hold_id=hold_id, user=user, event=event, now=now)
            announce_availability(event.slug, made.states)
            return made.hold
        if answer["outcome"] == "sweep" and attempt == 1:
            holds_expire(now=now, slot_ids=[slot["id"] for slot in answer["slots"]], wait=True)
            continue
        raise refusal(answer)
    raise AssertionError("unreachable")  # pragma: no cover


def _json(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else json.loads(cast(str, value))


def announce_availability(event_slug: str, states: list[SlotState]) -> None:
    """After units changed hands (a grant, a release, a sale): the event's dashboard is due
    a frame, watchers get the slots' new numbers."""
    mark_dashboard_dirty(event_slug)
    publish(
        AVAILABILITY.name(slug=event_slug),
        "availability",
        slot_changes(states),
        coalesce=AVAILABILITY_COALESCE,
    )


async def announce_availability_async(event_slug: str, states: list[SlotState]) -> None:
    """:func:`announce_availability` from the event loop, for a hold already committed (the rush
    route's statement commits on its own)."""
    await mark_dashboard_dirty_async(event_slug)
    topic = AVAILABILITY.name(slug=event_slug)
    dispatcher.submit(topic, "availability", slot_changes(states), AVAILABILITY_COALESCE)


class _Short(Exception):
    def __init__(self, error: SoldOut, slot_ids: list[int], sweepable: bool) -> None:
        self.error, self.slot_ids, self.sweepable = error, slot_ids, sweepable


_TAKE_SQL = (
    "UPDATE inventory_slot SET held = held + %s, version = version + 1 "
    "WHERE id = %s AND capacity >= sold + held + %s "
    "RETURNING capacity, sold, held, version"
)


@transaction.atomic
def _take(
    user: User,
    event: Event,
    wanted: list[tuple[int, int]],
    now: datetime,
    seen: dict[int, SlotState],
) -> Hold:
    # Two tabs of one user must not both pass the limit check: queue them on the user's row.
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
    live = Hold.objects.filter(user=user, event=event, status=ACTIVE, expires_at__gt=now)
    if live.count() >= event.max_live_holds_per_user:
        raise HoldLimit(
            "You already hold something for this event; complete or release it first.",
            holds=[str(pk) for pk in live.values_list("pk", flat=True)],
        )
    hold = Hold.objects.create(
        event=event,
        user=user,
        created_at=now,
        expires_at=now + timedelta(minutes=event.hold_minutes),
    )
    HoldItem.objects.bulk_create(
        HoldItem(hold=hold, slot_id=slot_id, quantity=quantity) for slot_id, quantity in wanted
    )
    # The slots' rows last: from the first UPDATE to the commit, other holds on these slots
    # wait, so nothing else happens in between. RETURNING brings the new numbers back.
    taken: list[SlotState] = []
    short: list[tuple[int, int]] = []
    with connection.cursor() as cursor:
        for slot_id, quantity in wanted:
            cursor.execute(_TAKE_SQL, [quantity, slot_id, quantity])
            row = cursor.fetchone()
            if row is None:
                short.append((slot_id, quantity))
                continue
            capacity, sold, held, version = row
            expired = seen[slot_id].expired  # as the pre-check saw it (almost always 0)
            taken.append(SlotState(slot_id, capacity, capacity - sold - held + expired, version))
    if short:
        states = {s.id: s for s in slot_states([slot_id for slot_id, _ in short], now=now)}
        sweepable = any(s.expired for s in states.values())
        raise _Short(_sold_out(short, states), list(states), sweepable=sweepable)
    announce_availability(event.slug, taken)
    return hold


def _give_back(units: dict[int, int], *, sold: bool = False) -> None:
    """Return units to their slots (ascending ids): from ``held``, or from ``sold``."""
    field = "sold" if sold else "held"
    sold_out_hints.forget(units)
    if units:
        returned = sorted(units)
        transaction.on_commit(lambda: hooks.units_returned.send(slot_ids=returned), robust=True)
    for slot_id in sorted(units):
        Slot.objects.filter(pk=slot_id).update(
            **{field: F(field) - units[slot_id]}, version=F("version") + 1
        )


def _sell_held(units: dict[int, int]) -> None:
    """Held units become sold (ascending ids), for a hold its caller has claimed."""
    for slot_id in sorted(units):
        Slot.objects.filter(pk=slot_id).update(
            held=F("held") - units[slot_id],
            sold=F("sold") + units[slot_id],
            version=F("version") + 1,
        )


def _units(hold_ids: Iterable[object]) -> dict[int, int]:
    rows = (
        HoldItem.objects.filter(hold_id__in=list(hold_ids))
        .values("slot_id")
        .annotate(units=Sum("quantity"))
        .values_list("slot_id", "units")
    )
    return dict(rows)


def _publish_availability(
    event_slug: str, slot_ids: Iterable[int], now: datetime
) -> list[SlotState]:
    states = slot_states(slot_ids, now=now)
    announce_availability(event_slug, states)
    return states


def hold_publish(hold: Hold, kind: str, now: datetime, **extra: object) -> None:
    """Tell the hold's topic what happened to it (after commit)."""
    publish(
        HOLD.name(hold_id=hold.pk),
        kind,
        hold_state(status=hold.status, expires_at=hold.expires_at, now=now, **extra),
    )


def _end(hold: Hold, status: str, now: datetime) -> bool:
    """Claim an active hold for ``status``; False if someone else ended it first."""
    claimed = Hold.objects.filter(pk=hold.pk, status=ACTIVE).update(status=status, ended_at=now)
    if claimed:
        hold.status, hold.ended_at = status, now
    return bool(claimed)


@transaction.atomic
def hold_release(*, hold: Hold, now: datetime | None = None) -> Hold:
    """The owner lets go: the units are free again at once."""
    now = now or timezone.now()
    if not _end(hold, Hold.Status.RELEASED, now):
        hold.refresh_from_db(fields=["status"])
        raise HoldExpired() if hold.status == Hold.Status.EXPIRED else HoldNotActive()
    units = _units([hold.pk])
    _give_back(units)
    _publish_availability(hold.event.slug, units, now)
    hold_publish(hold, "hold.released", now)
    metrics.holds_ended("released")
    return hold


@transaction.atomic
def hold_extend(*, hold: Hold, now: datetime | None = None) -> Hold:
    """``hold_minutes`` more on top of the current end (8:44 left becomes 18:44), at most
    ``max_hold_extensions`` times."""
    now = now or timezone.now()
    locked = Hold.objects.select_for_update().select_related("event").get(pk=hold.pk)
    if locked.status == Hold.Status.EXPIRED or (
        locked.status == ACTIVE and locked.expires_at <= now
    ):
        raise HoldExpired()
    if locked.status != ACTIVE:
        raise HoldNotActive()
    event = locked.event
    if locked.extensions >= event.max_hold_extensions:
        raise HoldLimit(
            f"This hold cannot be extended again (at most {event.max_hold_extensions} times).",
            code="hold_extension_limit",
        )
    locked.expires_at = locked.expires_at + timedelta(minutes=event.hold_minutes)
    locked.extensions += 1
    locked.warned_at = None
    locked.save(update_fields=["expires_at", "extensions", "warned_at"])
    hold_publish(
        locked,
        "hold.extended",
        now,
        extensions_left=event.max_hold_extensions - locked.extensions,
    )
    return locked


@transaction.atomic
def hold_convert(*, hold: Hold, now: datetime | None = None) -> Hold:
    """A payment confirmed: what was held is sold, atomically. Refuses an expired or ended
    hold (410 / 409); the caller decides what to do with the money then."""
    now = now or timezone.now()
    claimed = Hold.objects.filter(pk=hold.pk, status=ACTIVE, expires_at__gt=now).update(
        status=Hold.Status.CONVERTED, ended_at=now
    )
    if not claimed:
        hold.refresh_from_db(fields=["status", "expires_at"])
        if hold.status in (ACTIVE, Hold.Status.EXPIRED):
            raise HoldExpired()
        raise HoldNotActive()
    hold.status, hold.ended_at = Hold.Status.CONVERTED, now
    units = _units([hold.pk])
    _sell_held(units)
    _publish_availability(hold.event.slug, units, now)
    hold_publish(hold, "hold.converted", now)
    return hold


_SELL_SQL = (
    "UPDATE inventory_slot SET sold = sold + %s, version = version + 1 "
    "WHERE id = %s AND capacity >= sold + held + %s"
)


def _sell_free(units: dict[int, int], now: datetime) -> None:
    """Free units straight into ``sold``, slot by slot in id order; SoldOut if one is
    short (the caller's transaction then undoes the others)."""
    short = []
    with connection.cursor() as cursor:
        for slot_id in sorted(units):
            cursor.execute(_SELL_SQL, [units[slot_id], slot_id, units[slot_id]])
            if cursor.rowcount != 1:
                short.append((slot_id, units[slot_id]))
    if short:
        states = {s.id: s for s in slot_states([slot_id for slot_id, _ in short], now=now)}
        raise _sold_out(short, states)


@transaction.atomic
def hold_convert_late(*, hold: Hold, now: datetime | None = None) -> Hold:
    """A payment confirmed after its hold ended (expired, or released): sell the same units
    if they are still free, all or nothing, else raise SoldOut and change nothing.

    An expired hold the sweeper has not reached yet still has its units in ``held``: they
    move to ``sold`` as in :func:`hold_convert`. Otherwise the units went back and are taken
    again straight into ``sold`` by the same conditional statement that takes holds."""
    now = now or timezone.now()
    units = _units([hold.pk])
    if _end(hold, Hold.Status.CONVERTED, now):  # still active, only past its expiry
        _sell_held(units)
    else:
        claimed = Hold.objects.filter(
            pk=hold.pk, status__in=[Hold.Status.EXPIRED, Hold.Status.RELEASED]
        ).update(status=Hold.Status.CONVERTED, ended_at=now)
        if not claimed:
            raise HoldNotActive("This hold was already sold.")
        _sell_free(units, now)
        hold.status, hold.ended_at = Hold.Status.CONVERTED, now
    _publish_availability(hold.event.slug, units, now)
    hold_publish(hold, "hold.converted", now)
    return hold


@transaction.atomic
def sale_take(*, event: Event, units: dict[int, int], now: datetime | None = None) -> None:
    """Sell units straight away, all or nothing (an upgrade undone takes its old place
    back): the same conditional statement as every sale, so never past capacity. Raises
    SoldOut, and changes nothing, when one of them is gone."""
    now = now or timezone.now()
    _sell_free(units, now)
    _publish_availability(event.slug, units, now)


@transaction.atomic
def sale_release(*, event: Event, units: dict[int, int], now: datetime | None = None) -> None:
    """Give sold units back (a refund or a cancelled booking) and publish the new numbers.
    The caller makes sure this happens once per sale (it claims its booking first)."""
    now = now or timezone.now()
    _give_back(units, sold=True)
    _publish_availability(event.slug, units, now)


def holds_expire(
    *,
    now: datetime | None = None,
    slot_ids: Iterable[int] | None = None,
    batch: int = SWEEP_BATCH,
    wait: bool = False,
) -> int:
    """Release holds whose time is up (all, or those on ``slot_ids``); returns how many.

    Safe to run in several processes at once: each claims its holds with
    ``FOR UPDATE SKIP LOCKED`` (``wait=True`` waits for them instead, for a hold attempt
    that needs to know), and a hold another sweeper already claimed is not released again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = Hold.objects.filter(status=ACTIVE, expires_at__lte=now)
        if slot_ids is not None:
            due = due.filter(
                pk__in=HoldItem.objects.filter(slot_id__in=list(slot_ids)).values("hold_id")
            )
        locked = due.select_for_update(skip_locked=not wait).order_by("expires_at")
        holds = list(locked.select_related("event")[:batch])
        if not holds:
            return 0
        ids = [hold.pk for hold in holds]
        Hold.objects.filter(pk__in=ids, status=ACTIVE).update(
            status=Hold.Status.EXPIRED, ended_at=now
        )
        units = _units(ids)
        _give_back(units)
        by_event: dict[str, set[int]] = defaultdict(set)
        slot_events = dict(
            HoldItem.objects.filter(hold_id__in=ids).values_list("slot_id", "hold__event__slug")
        )
        for slot_id, slug in slot_events.items():
            by_event[slug].add(slot_id)
        for slug, slots in by_event.items():
            _publish_availability(slug, slots, now)
        for hold in holds:
            hold.status = Hold.Status.EXPIRED
            hold_publish(hold, "hold.expired", now)
        metrics.holds_ended("expired", len(holds))
    return len(holds)
