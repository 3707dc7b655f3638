"""Moments and date ranges as the API and the topic filters read them: a date, or an ISO
datetime, within the API's date window (``backend.core.fields``)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime

from backend.core.fields import DATE_WINDOW_TEXT, in_date_window


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
