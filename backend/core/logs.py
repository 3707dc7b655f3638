"""Log lines: plain text for a developer's console, or one JSON object per line for a log
collector (``LOG_FORMAT=json``, the default outside DEBUG). settings.LOGGING uses both.

A JSON line has ``timestamp`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and
``request_id`` (null outside a request and its tasks), ``exc_info`` (the traceback, as
text) when there is one, and whatever the call passed in ``extra=``. docs/operations.md,
"Logs and errors".
"""

from __future__ import annotations

import logging
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from backend.core import request_id

FORMATS = ("text", "json")


class RequestIdFilter(logging.Filter):
    """Every record gets ``request_id``: the current request's (or task's), or None."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            "%(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp=True,
            # Django passes the request object with its 4xx/5xx lines: its repr says nothing
            # the message does not (the path), and a path may hold a token.
            reserved_attrs=[*RESERVED_ATTRS, "request", "taskName"],
        )


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """settings.LOGGING for ``LOG_FORMAT`` (text or json) and ``LOG_LEVEL``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "backend.core.logs.RequestIdFilter"}},
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "json": {"()": "backend.core.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own console handler (DEBUG only, plain "%(message)s") is dropped: its
            # records reach the root's handler like every other, once.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.channels.server": {"level": "WARNING"},
            "daphne": {"level": "WARNING"},
        },
    }
