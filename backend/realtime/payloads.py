"""What realtime frames and snapshots carry, built from plain values (no queries here).

The services that publish and the selectors that build snapshots both use these, so a
frame and a snapshot always describe a slot or a hold the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from backend.realtime.dispatcher import Coalesce

# Availability frames: the new numbers of the slots a change touched, at most one frame per
# topic per 250 ms under load; per slot the highest version wins.
AVAILABILITY_COALESCE = Coalesce.by_id("slots", window=0.25, newest_by="version")

HOLD_EXPIRING_SECONDS = 60


class SlotNumbers(Protocol):
    """A slot's numbers (read only: the selectors' frozen dataclasses fit)."""

    @property
    def id(self) -> int: ...
    @property
    def capacity(self) -> int: ...
    @property
    def available(self) -> int: ...
    @property
    def version(self) -> int: ...


def slot_changes(states: Iterable[SlotNumbers]) -> dict[str, Any]:
    """The ``availability`` frame: ``{"slots": [{"id", "available", "version"}]}``."""
    return {"slots": [{"id": s.id, "available": s.available, "version": s.version} for s in states]}


def availability_snapshot(
    states: Iterable[SlotNumbers], *, truncated: bool = False
) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "slots": [
            {"id": s.id, "available": s.available, "capacity": s.capacity, "version": s.version}
            for s in states
        ]
    }
    if truncated:
        snapshot["truncated"] = True
    return snapshot


def hold_state(*, status: str, expires_at: datetime, now: datetime, **extra: Any) -> dict[str, Any]:
    """A hold's countdown as the ``hold:{id}`` snapshot and frames carry it."""
    remaining = max(0, int((expires_at - now).total_seconds())) if status == "active" else 0
    return {
        "status": status,
        "expires_at": expires_at,
        "server_time": now,
        "remaining_seconds": remaining,
        **extra,
    }
