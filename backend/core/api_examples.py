"""Core's OpenAPI examples (health) and ``page_example``, the example of every paged list."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

HEALTH = [
    OpenApiExample(
        "Healthy",
        value={
            "ok": True,
            "mode": "embedded",
            "database": "ok",
            "channel_layer": "ok",
            "periodic": {"holds-sweep": 0.4},
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Redis down",
        value={
            "ok": False,
            "error": {"code": "unhealthy", "message": "Failing: redis, channel_layer."},
            "mode": "full",
            "database": "ok",
            "channel_layer": "error",
            "redis": "error",
            "broker": "ok",
        },
        response_only=True,
        status_codes=["503"],
    ),
]


HEALTH_LIVE = [
    OpenApiExample("Alive", value={"ok": True}, response_only=True, status_codes=["200"]),
]

HEALTH_READY = [
    OpenApiExample(
        "Ready",
        value={
            "ok": True,
            "mode": "full",
            "shutting_down": False,
            "database": "ok",
            "channel_layer": "ok",
            "redis": "ok",
            "broker": "ok",
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Shutting down",
        value={
            "ok": False,
            "error": {
                "code": "shutting_down",
                "message": "This node is shutting down; use another.",
            },
            "mode": "full",
            "shutting_down": True,
        },
        response_only=True,
        status_codes=["503"],
    ),
    OpenApiExample(
        "PostgreSQL down",
        value={
            "ok": False,
            "error": {"code": "unhealthy", "message": "Failing: database."},
            "mode": "full",
            "shutting_down": False,
            "database": "error",
            "channel_layer": "ok",
            "redis": "ok",
            "broker": "ok",
        },
        response_only=True,
        status_codes=["503"],
    ),
]


def page_example(item: dict[str, Any]) -> OpenApiExample:
    """The OpenAPI example of a one-item page (every paged list's)."""
    return OpenApiExample(
        "A page",
        value={"ok": True, "count": 1, "page": 1, "page_size": 20, "pages": 1, "results": [item]},
        response_only=True,
    )
