"""Availability reads: what is free right now, per slot.

``available = capacity - sold - held + expired``: the counters, corrected for holds whose
time is up but that the sweeper has not released yet.  An expired hold never counts, even
in the second before the sweeper runs.  The correction query uses the (status, expiry)
index and is almost always empty.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import QuerySet, Sum
from django.utils import timezone

from backend.core.dates import date_range
from backend.inventory.models import Event, Hold, HoldItem, Slot
from backend.inventory.selectors.events import events_listed
from backend.realtime.payloads import availability_snapshot
from backend.realtime.snapshots import FilterError, TopicGone

ACTIVE = Hold.Status.ACTIVE
SNAPSHOT_LIMIT = 5000


@dataclass(frozen=True, slots=True)
class SlotState:
    id: int
    capacity: int
    available: int
    version: int
    expired: int = 0  # units in expired holds not yet released
    event: int = 0
    ends_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SlotAvailability:
    id: int
    resource: int
    starts_at: datetime
    ends_at: datetime
    capacity: int
    available: int
    version: int
    price: Decimal


def expired_units(
    *, now: datetime, slot_ids: Iterable[int] | None = None, event: Event | None = None
) -> dict[int, int]:
    """Units per slot held by holds that have expired but are still ``active``."""
    items = HoldItem.objects.filter(hold__status=ACTIVE, hold__expires_at__lte=now)
    if slot_ids is not None:
        items = items.filter(slot_id__in=list(slot_ids))
    if event is not None:
        items = items.filter(hold__event=event)
    rows = items.values("slot_id").annotate(units=Sum("quantity")).values_list("slot_id", "units")
    return dict(rows)


# One round trip for the numbers of some slots. The correction joins only the active holds
# that have expired (the partial index hold_active_expiry finds them; almost always none),
# never all the hold items of a popular slot.
_SLOT_STATES_SQL = """
SELECT s.id, s.capacity, s.sold, s.held, s.version, r.event_id, s.ends_at,
       COALESCE(x.units, 0)
FROM inventory_slot s
JOIN inventory_resource r ON r.id = s.resource_id
LEFT JOIN (
    SELECT hi.slot_id, SUM(hi.quantity) AS units
    FROM inventory_hold h
    JOIN inventory_holditem hi ON hi.hold_id = h.id
    WHERE h.status = 'active' AND h.expires_at <= %s AND hi.slot_id IN ({ids})
    GROUP BY hi.slot_id
) x ON x.slot_id = s.id
WHERE s.id IN ({ids})
ORDER BY s.id
"""


def slot_states(slot_ids: Iterable[int], *, now: datetime) -> list[SlotState]:
    """The current numbers of some slots (and their event and end), in id order."""
    ids = sorted(set(slot_ids))
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    moment = connection.ops.adapt_datetimefield_value(now)  # as the ORM would send it
    with connection.cursor() as cursor:
        cursor.execute(_SLOT_STATES_SQL.format(ids=marks), [moment, *ids, *ids])
        rows = cursor.fetchall()
    return [
        SlotState(
            pk, capacity, capacity - sold - held + expired, version, expired, event, _aware(ends_at)
        )
        for pk, capacity, sold, held, version, event, ends_at, expired in rows
    ]


def _aware(moment: datetime) -> datetime:
    """SQLite hands raw queries naive UTC datetimes; PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def event_slots(
    event: Event, *, start: datetime | None = None, end: datetime | None = None
) -> QuerySet[Slot]:
    """An event's slots overlapping [start, end), in time order."""
    slots = Slot.objects.filter(resource__event=event)
    if start is not None:
        slots = slots.filter(ends_at__gt=start)
    if end is not None:
        slots = slots.filter(starts_at__lt=end)
    return slots.order_by("starts_at", "id")


def event_availability(
    event: Event,
    *,
    now: datetime,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = SNAPSHOT_LIMIT,
) -> tuple[list[SlotAvailability], bool]:
    """Every slot of the event in the range with its availability; True if cut at ``limit``."""
    expired = expired_units(now=now, event=event)
    rows = list(
        event_slots(event, start=start, end=end)
        .select_related(None)
        .values_list(
            "id", "resource_id", "starts_at", "ends_at", "capacity", "sold", "held", "version",
            "price", "resource__price",
        )[: limit + 1]
    )  # fmt: skip
    truncated = len(rows) > limit
    return [
        SlotAvailability(
            id=pk,
            resource=resource,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            available=capacity - sold - held + expired.get(pk, 0),
            version=version,
            price=price if price is not None else resource_price,
        )
        for pk, resource, starts_at, ends_at, capacity, sold, held, version, price, resource_price
        in rows[:limit]
    ], truncated  # fmt: skip


# --- the availability topic's snapshot (wired in consumers.registered) ---


def availability_topic_snapshot(
    params: Mapping[str, str], options: Mapping[str, Any]
) -> dict[str, Any]:
    """``event:{slug}:availability``: the listed event's slots (``from``/``to`` filter)."""
    event = events_listed().filter(slug=params["slug"]).first()
    if event is None:
        raise TopicGone(params["slug"])
    unknown = set(options) - {"from", "to"}
    if unknown:
        raise FilterError(f"unknown filter fields {sorted(unknown)}; use 'from' and 'to'")
    try:
        start, end = date_range(options, zoneinfo.ZoneInfo(event.venue.time_zone))
    except ValueError as error:
        raise FilterError(str(error)) from None
    now = timezone.now()
    slots, truncated = event_availability(event, now=now, start=start or now, end=end)
    return availability_snapshot(slots, truncated=truncated)
