"""Client frames in, server frames out: parsing and the shapes of the gateway's answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from backend.core.parsers import JSONTooDeep
from backend.core.parsers import loads as parse_json


class FrameError(Exception):
    """A client frame the gateway refuses; the connection stays open."""

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra


def bad_request(message: str) -> FrameError:
    return FrameError("bad_request", message)


def parse_client_frame(
    text_data: str | None, bytes_data: bytes | None, max_bytes: int
) -> dict[str, Any]:
    """The frame as a dict with a string ``type``, or :class:`FrameError`."""
    if text_data is None:
        raise bad_request("Frames must be JSON text, not binary.")
    if len(text_data) > max_bytes or len(text_data.encode()) > max_bytes:
        raise bad_request(f"Frame larger than {max_bytes} bytes.")
    try:
        frame = parse_json(text_data)
    except JSONTooDeep as error:
        raise bad_request(f"Frame is {error}") from None
    except ValueError:
        raise bad_request("Frame is not valid JSON.") from None
    if not isinstance(frame, dict):
        raise bad_request("Frame must be a JSON object.")
    frame_type = frame.get("type")
    if not isinstance(frame_type, str) or not frame_type:
        raise bad_request('Frame needs a string "type".')
    return frame


def dumps(frame: dict[str, Any]) -> str:
    return json.dumps(frame, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def error_frame(code: str, message: str, **extra: Any) -> str:
    return dumps({"type": "error", "code": code, "message": message, **extra})


def pong_frame() -> str:
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return dumps({"type": "pong", "server_time": now})
