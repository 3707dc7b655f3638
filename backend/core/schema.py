"""Shapes shared by the API's OpenAPI documentation."""

from __future__ import annotations

from rest_framework import serializers


class OkOutput(serializers.Serializer):
    """The answer of an action that has nothing more to say than that it was done."""

    ok = serializers.BooleanField()


class ErrorDetail(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    # DRF takes declared fields off the class, so this does not hide Serializer.fields.
    fields = serializers.DictField(required=False)  # type: ignore[assignment]


class ErrorOutput(serializers.Serializer):
    """Every 4xx/5xx answer: ``{"ok": false, "error": {"code", "message", "fields"?}}``."""

    ok = serializers.BooleanField()
    error = ErrorDetail()
