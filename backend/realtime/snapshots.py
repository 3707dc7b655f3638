"""Snapshots for the gateway: what a subscriber sees first, built from the selectors.

A builder takes the topic's parameters and the subscribe frame's ``filter`` and raises
:class:`FilterError` for a filter that makes no sense, or :class:`TopicGone` when the thing
the topic is about does not exist.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from backend.core.fields import DATE_WINDOW_TEXT, in_date_window, parse_id, parse_uuid
from backend.realtime.payloads import availability_snapshot, hold_state


class FilterError(ValueError):
    """The subscribe frame's ``filter`` does not make sense for this topic."""


class TopicGone(LookupError):
    """What the topic is about does not exist (any more)."""


class DateRangeError(ValueError):
    """A ``from``/``to`` that is not a usable moment; ``field`` names which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field!r}: {message}")
        self.field = field
        self.message = message


def parse_moment(value: object, zone: zoneinfo.ZoneInfo, *, end: bool = False) -> datetime | None:
    """A date (the start of that day, or the end of it for ``end``) or an ISO datetime;
    naive times are in ``zone``; either within the API's date window. None for None;
    ValueError for anything else."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("use a date (2026-11-21) or an ISO datetime")
    try:
        day = parse_date(value)  # first: a bare date would also parse as midnight
        moment = None if day else parse_datetime(value)
    except ValueError:  # well formed but impossible, like 2026-13-40
        day = moment = None
    if day is not None:
        _check_window(day)
        return datetime.combine(day + timedelta(days=1) if end else day, time.min, zone)
    if moment is None:
        raise ValueError(f"{value!r} is not a date or a datetime")
    _check_window(moment.date())
    # In UTC: an offset such as +23:59 parses, but the database refuses it.
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def _check_window(day: date) -> None:
    if not in_date_window(day):
        raise ValueError(f"use a date {DATE_WINDOW_TEXT}")


def date_range(
    options: Mapping[str, Any], zone: zoneinfo.ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """``from``/``to`` of a filter or query: dates are whole days (``to`` included).
    :class:`DateRangeError` names the field at fault."""
    moments = []
    for field in ("from", "to"):
        try:
            moments.append(parse_moment(options.get(field), zone, end=field == "to"))
        except ValueError as error:
            raise DateRangeError(field, str(error)) from None
    start, end = moments
    if start and end and end <= start:
        raise DateRangeError("to", "must come after 'from'")
    return start, end


def event_availability_snapshot(
    params: Mapping[str, str], options: Mapping[str, Any]
) -> dict[str, Any]:
    from backend.inventory.selectors import event_availability, events_listed

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


def hold_snapshot(params: Mapping[str, str], options: Mapping[str, Any]) -> dict[str, Any]:
    from backend.inventory.models import Hold

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


def gate_snapshot(params: Mapping[str, str], options: Mapping[str, Any]) -> dict[str, Any]:
    """A gate's counts and its last ten scans, newest first."""
    from backend.checkin.models import Gate, Scan
    from backend.checkin.services import gate_counts

    gate_id = parse_id(params["gate_id"])
    if gate_id is None or not Gate.objects.filter(pk=gate_id).exists():
        raise TopicGone(params["gate_id"])
    last = Scan.objects.filter(gate_id=gate_id).order_by("-scanned_at", "-id")[:10]
    return {**gate_counts(gate_id), "last": [scan.answer for scan in last]}


def dashboard_snapshot(params: Mapping[str, str], options: Mapping[str, Any]) -> dict[str, Any]:
    from backend.checkin.dashboard import dashboard_stats
    from backend.inventory.models import Event

    event = Event.objects.filter(slug=params["slug"]).first()
    if event is None:
        raise TopicGone(params["slug"])
    return dashboard_stats(event)
