"""Seat reads: a seated event's sections, and the best free blocks of N seats together.

"Together" means adjacent seats of one row that no aisle separates: a gap in the numbering
(seats 6 and 8 with no 7) or a number the section lists in ``aisles_after``. "Best" means,
in order: the section's rank (1 first), the row (the one nearest the stage first: A before
B, 1 before 2), the distance of the block's middle from the middle of its row, the section's
place on the map (for sections of one rank), and the lower seat number (so two equally good
blocks on either side of the centre are always chosen in the same order). The read takes
no lock: the hold service decides who gets a seat.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from backend.inventory.models import Event, Resource, SeatSection, Slot
from backend.inventory.selectors.slots import expired_units

UNDESCRIBED_RANK = 10_000  # seats whose section has no SeatSection row come last


@dataclass(frozen=True, slots=True)
class SeatBlock:
    """Adjacent free seats of one row, best first when sorted by ``score``."""

    section: str
    row: str
    numbers: tuple[int, ...]
    slots: tuple[int, ...]
    score: tuple[int, int, float, int, int]


def seat_sections(event: Event) -> QuerySet[SeatSection]:
    """An event's described sections, in map order (band, then left to right)."""
    return SeatSection.objects.filter(event=event).order_by("map_row", "sort_order", "name", "id")


def row_order_key(row: str) -> tuple[int, int, str]:
    """Rows in venue order: numeric rows by value first, then A … Z, AA, AB … (as the map)."""
    if re.fullmatch(r"\d+", row):
        return (0, int(row), "")
    return (1, len(row), row)


def seat_start(*, event: Event, now: datetime) -> datetime | None:
    """The start of the earliest seat slot still to come (the performance the map shows)."""
    return (
        Slot.objects.filter(
            resource__event=event, resource__kind=Resource.Kind.SEAT, ends_at__gt=now
        )
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def seat_blocks(
    *,
    event: Event,
    quantity: int,
    now: datetime,
    section: str | None = None,
    starts_at: datetime | None = None,
) -> list[SeatBlock]:
    """Every block of ``quantity`` free seats together at the performance starting at
    ``starts_at`` (default: the next one), best first; empty when there is none."""
    start = starts_at or seat_start(event=event, now=now)
    if start is None or quantity < 1:
        return []
    slots = Slot.objects.filter(
        resource__event=event,
        resource__kind=Resource.Kind.SEAT,
        resource__number__isnull=False,
        starts_at=start,
        ends_at__gt=now,
    )
    if section is not None:
        slots = slots.filter(resource__section=section)
    rows = slots.values_list(
        "id", "capacity", "sold", "held", "resource__section", "resource__row", "resource__number"
    )
    described = {s.name: s for s in seat_sections(event)}
    order = {name: index for index, name in enumerate(described)}
    expired = expired_units(now=now, event=event)

    # (section, row) -> [(number, slot id, free?)]
    places: dict[tuple[str, str], list[tuple[int, int, bool]]] = defaultdict(list)
    for pk, capacity, sold, held, section_name, row, number in rows:
        free = capacity - sold - held + expired.get(pk, 0) > 0
        if number is not None:  # the query takes numbered seats only
            places[(section_name, row)].append((number, pk, free))

    row_index: dict[str, dict[str, int]] = defaultdict(dict)
    for section_name, row in sorted(places, key=lambda key: (key[0], row_order_key(key[1]))):
        row_index[section_name][row] = len(row_index[section_name])

    blocks: list[SeatBlock] = []
    for (section_name, row), seats in places.items():
        seats.sort()
        meta = described.get(section_name)
        aisles = set(meta.aisles_after if meta else [])
        rank = meta.rank if meta else UNDESCRIBED_RANK
        middle = (seats[0][0] + seats[-1][0]) / 2
        run: list[tuple[int, int, bool]] = []
        for seat in seats:
            if run and (seat[0] - run[-1][0] > 1 or run[-1][0] in aisles):
                blocks.extend(_windows(run, quantity, section_name, row, middle, rank, order,
                                       row_index[section_name][row]))  # fmt: skip
                run = []
            run.append(seat)
        blocks.extend(_windows(run, quantity, section_name, row, middle, rank, order,
                               row_index[section_name][row]))  # fmt: skip
    blocks.sort(key=lambda block: block.score)
    return blocks


def _windows(
    run: list[tuple[int, int, bool]],
    quantity: int,
    section: str,
    row: str,
    middle: float,
    rank: int,
    order: dict[str, int],
    row_position: int,
) -> list[SeatBlock]:
    """The blocks of ``quantity`` free seats inside one run of adjacent seats."""
    found = []
    for start in range(len(run) - quantity + 1):
        window = run[start : start + quantity]
        if not all(free for _, _, free in window):
            continue
        numbers = tuple(number for number, _, _ in window)
        distance = abs((numbers[0] + numbers[-1]) / 2 - middle)
        found.append(
            SeatBlock(
                section=section,
                row=row,
                numbers=numbers,
                slots=tuple(pk for _, pk, _ in window),
                score=(rank, row_position, distance, order.get(section, len(order)), numbers[0]),
            )
        )
    return found
