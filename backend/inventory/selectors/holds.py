"""Hold reads: a guest's hold, and its topic's snapshot."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils import timezone

from backend.core.fields import parse_uuid
from backend.inventory.models import Hold, HoldItem
from backend.realtime.payloads import hold_state
from backend.realtime.snapshots import TopicGone

if TYPE_CHECKING:
    from uuid import UUID

    from backend.accounts.models import User


def hold_items_with_slots() -> Prefetch:
    """A hold's items with their slot and resource, in one query."""
    return Prefetch(
        "items", queryset=HoldItem.objects.select_related("slot__resource").order_by("slot_id")
    )


def hold_for_owner(hold_id: UUID | str, user: User) -> Hold | None:
    return (
        Hold.objects.select_related("event")
        .prefetch_related(hold_items_with_slots())
        .filter(pk=hold_id, user=user)
        .first()
    )


def holds_active_for_owner(*, user: User, event_slug: str | None = None) -> list[Hold]:
    """The guest's holds that still count (active and not yet expired, before any sweep),
    oldest first, optionally for one event: what the web app adds back to availability so
    that a guest's own hold never reads as taken by someone else."""
    holds = (
        Hold.objects.select_related("event")
        .prefetch_related(hold_items_with_slots())
        .filter(user=user, status=Hold.Status.ACTIVE, expires_at__gt=timezone.now())
    )
    if event_slug is not None:
        holds = holds.filter(event__slug=event_slug)
    return list(holds.order_by("created_at", "pk")[:50])


# --- the hold topic's snapshot (wired in consumers.registered) ---


def hold_topic_snapshot(params: Mapping[str, str], options: Mapping[str, Any]) -> dict[str, Any]:
    """``hold:{hold_id}``: the hold's state and countdown."""
    hold_id = parse_uuid(params["hold_id"])
    holds = Hold.objects.select_related("event")
    hold = None if hold_id is None else holds.filter(pk=hold_id).first()
    if hold is None:
        raise TopicGone(params["hold_id"])
    now = timezone.now()
    status = hold.status
    if status == Hold.Status.ACTIVE and hold.expires_at <= now:
        status = Hold.Status.EXPIRED  # an expired hold never counts, swept or not
    return hold_state(
        status=status,
        expires_at=hold.expires_at,
        now=now,
        extensions_left=max(0, hold.event.max_hold_extensions - hold.extensions),
    )
