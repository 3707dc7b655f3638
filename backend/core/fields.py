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
