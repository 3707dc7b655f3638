"""Serializer fields that take JSON at its word: a string must be sent as a string."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, TypeGuard

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers, booleans and the like instead of str()-ing them."""

    default_error_messages = {"not_a_string": "Send this as a string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class StrictUUIDField(serializers.UUIDField):
    """A UUIDField that only takes the string form (DRF turns the integer 7 into a UUID)."""

    default_error_messages = {"not_a_string": "Send the id as a string."}

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


# The database's bigint range: no column (and no id) holds a number outside it, and one sent
# in a query overflows (SQLite, the embedded default, raises: a 500).
ID_MAX = 2**63 - 1
BIGINT_MIN = -(2**63)


class StrictIntegerField(serializers.IntegerField):
    """An IntegerField that refuses strings and booleans ("3", true) instead of coercing.

    Bounded to the bigint range unless narrower bounds are given, so no value it lets through
    can overflow a database column or query.
    """

    default_error_messages = {"not_an_integer": "Send a whole number, not a string."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", BIGINT_MIN)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_an_integer")
        return super().to_internal_value(data)


class IdField(StrictIntegerField):
    """A row's id, sent as a JSON number: 1 to the bigint maximum."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class QueryIdField(serializers.IntegerField):
    """An id in a query string (text, so "7" is fine): 1 to the bigint maximum."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


def is_id(value: object) -> TypeGuard[int]:
    """Whether ``value`` (a JSON number) can be a row's id."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ID_MAX


def is_text(value: object, max_length: int) -> TypeGuard[str]:
    """Whether ``value`` is a string the database can store: not too long, no NUL character
    (what DRF's CharField checks, for input that does not go through a serializer)."""
    return isinstance(value, str) and len(value) <= max_length and "\x00" not in value


def parse_id(text: object) -> int | None:
    """An id written as text (a topic's part): the number, or None if no row can have it."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if is_id(number) else None


def parse_uuid(text: object) -> uuid.UUID | None:
    """A UUID written as text (a hold's id in its topic), or None if it is not one."""
    if not isinstance(text, str) or len(text) > 36:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


class StrictSlugField(StrictCharField):
    """A slug sent as a string (an event's ``summer-fest``)."""

    def __init__(self, **kwargs: Any) -> None:
        from django.core.validators import validate_slug

        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)
        self.validators.append(validate_slug)


# The dates a client may name (ranges, stays, filters): wide enough for any booking, narrow
# enough that adding a day or applying a time zone never leaves Python's or the database's
# range (the day after 9999-12-31 was a 500).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_WINDOW_TEXT = f"from {EARLIEST_DATE} to {LATEST_DATE}"


def in_date_window(day: date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


class WindowDateField(serializers.DateField):
    """A date within the window every date of the API lives in (``DATE_WINDOW_TEXT``)."""

    default_error_messages = {"out_of_window": f"Use a date {DATE_WINDOW_TEXT}."}

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not in_date_window(day):
            self.fail("out_of_window")
        return day
