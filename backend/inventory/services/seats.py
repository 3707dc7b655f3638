"""Seat sections (the map's blocks and price tiers) and "best available N together".

Best available reads the ranked blocks (``backend.inventory.selectors.seats``) without a
lock and holds the best one through :func:`hold_create`, the same all-or-nothing conditional
UPDATE every hold uses. When another guest took one of its seats in between, that hold
fails as a whole (nothing is kept), the taken seats are struck off and the next block is
tried; so two guests asking at once get different seats and nothing is ever oversold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from backend.core.errors import ValidationError
from backend.inventory.models import Event, Hold, Resource, SeatSection
from backend.inventory.selectors.seats import seat_blocks
from backend.inventory.services.holds import HoldLimit, ItemRequest, SoldOut, hold_create

if TYPE_CHECKING:
    from backend.accounts.models import User

MAX_ATTEMPTS = 8  # blocks tried per request before reading availability again
MAX_ROUNDS = 3


class NoSeatsTogether(SoldOut):
    message = "There are not that many free seats together; try fewer or another section."


def seat_section_set(
    *,
    event: Event,
    name: str,
    tier: str = "",
    price: Decimal | None = None,
    rank: int = 1,
    map_row: int = 0,
    sort_order: int = 0,
    aisles_after: Sequence[int] = (),
    name_ar: str = "",
    tier_ar: str = "",
) -> SeatSection:
    """Describe a section (create or update it by name). A tier price is written to every
    seat of the section, so that holds, bookings and invoices charge it."""
    aisles = sorted({int(n) for n in aisles_after})
    if any(n < 1 for n in aisles):
        raise ValidationError(fields={"aisles_after": ["Seat numbers start at 1."]})
    with transaction.atomic():
        section, _ = SeatSection.objects.update_or_create(
            event=event,
            name=name,
            defaults={
                "tier": tier,
                "tier_ar": tier_ar,
                "name_ar": name_ar,
                "price": price,
                "rank": rank,
                "map_row": map_row,
                "sort_order": sort_order,
                "aisles_after": aisles,
            },
        )
        seat_section_price_apply(section=section)
    return section


def seat_section_price_apply(*, section: SeatSection) -> int:
    """Write the section's tier price to its seats (none when it has no price); how many
    seats changed. Slots keep their own price where one was set."""
    if section.price is None:
        return 0
    return (
        Resource.objects.filter(
            event=section.event_id, kind=Resource.Kind.SEAT, section=section.name
        )
        .exclude(price=section.price)
        .update(price=section.price)
    )


def hold_best_available(
    *,
    user: User,
    event: Event,
    quantity: int,
    section: str | None = None,
    starts_at: datetime | None = None,
    now: datetime | None = None,
) -> Hold:
    """Hold the best ``quantity`` free seats together (one row, no aisle between them),
    in ``section`` if named. Raises ``NoSeatsTogether`` (409 ``sold_out``) when no such block
    is free, ``HoldLimit`` when the guest asks for more than a hold may take or already
    holds something for this event."""
    now = now or timezone.now()
    if quantity < 1:
        raise ValidationError(fields={"quantity": ["Ask for at least one seat."]})
    if quantity > event.max_quantity_per_hold:
        raise HoldLimit(
            f"At most {event.max_quantity_per_hold} units per hold for this event.",
            limit=event.max_quantity_per_hold,
        )
    if (
        section is not None
        and not Resource.objects.filter(
            event=event, kind=Resource.Kind.SEAT, section=section
        ).exists()
    ):
        raise ValidationError(fields={"section": ["This event has no such section."]})
    for _ in range(MAX_ROUNDS):
        blocks = seat_blocks(
            event=event, quantity=quantity, now=now, section=section, starts_at=starts_at
        )
        if not blocks:
            break
        gone: set[int] = set()
        attempts = 0
        for block in blocks:
            if gone.intersection(block.slots):
                continue
            attempts += 1
            try:
                return hold_create(
                    user=user,
                    event=event,
                    items=[ItemRequest(slot, 1) for slot in block.slots],
                    now=now,
                )
            except SoldOut as error:
                short = {item["id"] for item in error.extra.get("slots", [])}
                gone.update(short or block.slots)
            if attempts >= MAX_ATTEMPTS:
                break  # a rush: read the map again rather than walk a stale list
    raise NoSeatsTogether(requested=quantity, section=section)
