"""Waiting room reads: the queue topic's snapshot (wired in consumers.registered)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from backend.inventory.models import Event, QueueEntry, WaitingRoom
from backend.realtime.snapshots import TopicGone


def queue_topic_snapshot(params: Mapping[str, str], options: Mapping[str, Any]) -> dict[str, Any]:
    """``queue:{slug}:{token}``: the REST shape without ``ok``, plus ``server_time``. A
    subscription counts as the client being seen."""
    from backend.inventory.services.waiting_room import entry_state

    entry = (
        QueueEntry.objects.select_related("room__event")
        .filter(token=params["token"], room__event__slug=params["slug"])
        .first()
    )
    if entry is None:
        raise TopicGone(params["token"])
    now = timezone.now()
    QueueEntry.objects.filter(pk=entry.pk).update(seen_at=now)
    return {**entry_state(entry, entry.room, ok=False), "server_time": now}


def queue_figures(event: Event) -> dict[str, Any]:
    """The staff dashboard's ``queue``: ``{"active", "length", "admitted_per_minute",
    "estimated_wait_seconds"}`` (zeros for an event without a room)."""
    from backend.inventory.services.waiting_room import room_figures

    room = WaitingRoom.objects.filter(event=event).first()
    if room is None:
        return {"active": False, "length": 0, "admitted_per_minute": 0, "estimated_wait_seconds": 0}
    figures = room_figures(room)
    shown = ("active", "length", "admitted_per_minute", "estimated_wait_seconds")
    return {key: figures[key] for key in shown}
