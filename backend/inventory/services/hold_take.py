"""A hold in one round trip on PostgreSQL: the statement, and what its answer means.

``inventory_hold_take`` (migration 0010, which documents its steps) does in the server what
the ORM path of :mod:`backend.inventory.services.holds` does in eleven statements. Both the
``hold_create`` service (sync, Django's connection) and the rush route (async, its own pool:
:mod:`backend.inventory.rush`) send :data:`TAKE_SQL` and read the answer with the functions
here, so the two paths give the same holds, the same refusals and the same frames.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation import settings as mt_settings
from modeltranslation.utils import resolution_order

from backend.core.errors import ApplicationError, NotFound, ValidationError
from backend.inventory.models import Event, Hold, HoldItem, Resource, Slot, seat_label
from backend.inventory.selectors.slots import SlotState

TAKE_SQL = (
    "SELECT inventory_hold_take(%s::bigint, %s::text, %s::bigint, %s::bigint[], "
    "%s::integer[], %s::timestamptz, %s::uuid)"
)
# A hold sent as a transaction of its own commits without waiting for the WAL to reach the
# disk (HOLDS_ASYNC_COMMIT; docs/performance.md): set_config(..., true) lasts as long as the
# statement's own transaction. The flush cost ~5 ms per hold on this machine's disk.
ASYNC_COMMIT = ", set_config('synchronous_commit', 'off', true)"
# The rush route checks the token's session in the same statement: CASE runs the hold only
# for a live session of an active account.
TAKE_SIGNED_IN_SQL = (
    "SELECT CASE WHEN accounts_session_live(%s::uuid, %s::bigint) THEN "
    "inventory_hold_take(%s::bigint, %s::text, %s::bigint, %s::bigint[], %s::integer[], "
    '%s::timestamptz, %s::uuid) ELSE \'{"outcome": "signed_out"}\'::jsonb END'
)


def take_sql(signed_in: bool, *, own_transaction: bool) -> str:
    """The statement: :data:`TAKE_SIGNED_IN_SQL` or :data:`TAKE_SQL`, committing without
    waiting for the disk when it is its own transaction and HOLDS_ASYNC_COMMIT is on."""
    sql = TAKE_SIGNED_IN_SQL if signed_in else TAKE_SQL
    if own_transaction and settings.HOLDS_ASYNC_COMMIT:
        sql += ASYNC_COMMIT
    return sql


# Outcomes the full request path answers better (its own messages, its checks): the rush
# route hands such a request over to it unchanged.
HAND_OVER = frozenset({"signed_out", "allowlist", "no_event", "sweep", "waiting_room"})


def take_params(
    *,
    event: int | None,
    slug: str | None,
    user: int,
    wanted: Sequence[tuple[int, int]],
    now: datetime,
    hold_id: uuid.UUID,
) -> list[Any]:
    """The parameters of :data:`TAKE_SQL`, and of :data:`TAKE_SIGNED_IN_SQL` after the
    session and the user (``wanted``: (slot, quantity), ascending slots)."""
    return [
        event,
        slug,
        user,
        [slot for slot, _ in wanted],
        [quantity for _, quantity in wanted],
        now,
        hold_id,
    ]


def refusal(answer: dict[str, Any]) -> ApplicationError:
    """The error a refusing answer stands for, as the ORM path raises it."""
    from backend.inventory.services.holds import HoldLimit, NotOnSale, SoldOut

    outcome = answer["outcome"]
    if outcome == "not_on_sale":
        return NotOnSale()
    if outcome == "too_many":
        limit = answer["limit"]
        return HoldLimit(f"At most {limit} units per hold for this event.", limit=limit)
    if outcome == "unknown":
        return ValidationError(fields={"items": [f"No slots {answer['slots']} in this event."]})
    if outcome == "ended":
        return ValidationError(fields={"items": [f"Slots {answer['slots']} have already ended."]})
    if outcome in ("sold_out", "sweep"):
        return SoldOut(slots=answer["slots"])
    if outcome == "hold_limit":
        return HoldLimit(
            "You already hold something for this event; complete or release it first.",
            holds=answer["holds"],
        )
    if outcome == "no_event":
        return NotFound("There is no such event.")
    raise ValueError(f"not a refusal: {outcome}")


@dataclass(frozen=True, slots=True)
class HoldLine:
    """One line of a hold's answer: what a slot of it is and costs."""

    slot: int
    quantity: int
    resource: int
    resource_name: str
    starts_at: datetime
    ends_at: datetime
    unit_price: Decimal


def _name_in_language(resource: dict[str, Any]) -> str:
    """``str(resource)`` in the active language, from the statement's row: a seat's place, or
    the name as modeltranslation reads it (the language's, else its fallbacks')."""
    if resource["kind"] == Resource.Kind.SEAT:
        return seat_label(resource["section"], resource["row"], resource["number"])
    for language in resolution_order(get_language() or "en", mt_settings.FALLBACK_LANGUAGES):
        value = resource.get(f"name_{language}")
        if value:
            return str(value)
    return str(resource["name"])


def answer_lines(answer: dict[str, Any]) -> list[HoldLine]:
    """The lines of a ``held`` answer, in the active language, without building models."""
    lines = []
    for row in answer["items"]:
        resource = row["resource"]
        lines.append(
            HoldLine(
                slot=row["slot"],
                quantity=row["quantity"],
                resource=resource["id"],
                resource_name=_name_in_language(resource),
                starts_at=datetime.fromisoformat(row["starts_at"]),
                ends_at=datetime.fromisoformat(row["ends_at"]),
                unit_price=Decimal(row["price"] if row["price"] is not None else resource["price"]),
            )
        )
    return lines


def answer_states(answer: dict[str, Any]) -> list[SlotState]:
    """The slots' new numbers of a ``held`` answer, for the availability frame."""
    return [
        SlotState(
            row["slot"], row["numbers"]["capacity"], row["numbers"]["available"],
            row["numbers"]["version"],
        )
        for row in answer["items"]
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Taken:
    """A hold the statement made: the hold (its items, slots and resources attached, so the
    answer needs no query) and the slots' new numbers for the availability frame."""

    hold: Hold
    states: list[SlotState]


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def taken_hold(
    answer: dict[str, Any],
    *,
    hold_id: uuid.UUID,
    user: Any,
    event: Event,
    now: datetime,
) -> Taken:
    """The hold of a ``held`` answer, built from the rows the statement returned;
    ``hold.items.all()`` gives its items without a query (as a prefetch would)."""
    hold = Hold(
        id=hold_id,
        event=event,
        user_id=user if isinstance(user, int) else user.pk,
        status=Hold.Status.ACTIVE,
        created_at=now,
        expires_at=datetime.fromisoformat(answer["expires_at"]),
        extensions=0,
    )
    if not isinstance(user, int):
        hold.user = user
    items: list[HoldItem] = []
    for row in answer["items"]:
        r = row["resource"]
        resource = Resource(
            id=r["id"],
            event_id=event.pk,
            kind=r["kind"],
            name=r["name"],
            name_en=r["name_en"],
            name_ar=r["name_ar"],
            section=r["section"],
            row=r["row"],
            number=r["number"],
            price=Decimal(r["price"]),
        )
        slot = Slot(
            id=row["slot"],
            resource=resource,
            starts_at=datetime.fromisoformat(row["starts_at"]),
            ends_at=datetime.fromisoformat(row["ends_at"]),
            price=_decimal(row["price"]),
        )
        items.append(HoldItem(hold=hold, slot=slot, quantity=row["quantity"]))
    prefetched = HoldItem.objects.filter(hold=hold)
    prefetched._result_cache = items  # as prefetch does
    prefetched._prefetch_done = True  # type: ignore[attr-defined]
    hold._prefetched_objects_cache = {"items": prefetched}  # type: ignore[attr-defined]
    return Taken(hold, answer_states(answer))
