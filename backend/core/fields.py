"""Serializer fields that take JSON at its word: a string must be sent as a string."""

from __future__ import annotations

from typing import Any

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


class StrictIntegerField(serializers.IntegerField):
    """An IntegerField that refuses strings and booleans ("3", true) instead of coercing."""

    default_error_messages = {"not_an_integer": "Send a whole number, not a string."}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_an_integer")
        return super().to_internal_value(data)


class StrictSlugField(StrictCharField):
    """A slug sent as a string (an event's ``summer-fest``)."""

    def __init__(self, **kwargs: Any) -> None:
        from django.core.validators import validate_slug

        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)
        self.validators.append(validate_slug)
