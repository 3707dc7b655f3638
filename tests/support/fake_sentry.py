"""A fake Sentry ingest server on 127.0.0.1: it takes what the official SDK sends to
``/api/<project>/envelope/`` (gzip or brotli compressed, or plain), decodes each envelope
and keeps its items; ``events()`` are the error events among them.

``dsn`` is a DSN that points the SDK at it (project 42, any key).
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Any

from tests.support.fake_http import FakeServer, Received

ENVELOPE_PATH = re.compile(r"^/api/(?P<project>\d+)/envelope/$")
PROJECT = "42"
KEY = "0123456789abcdef0123456789abcdef"


@dataclass(frozen=True)
class Item:
    type: str
    headers: dict[str, Any]
    payload: bytes

    def json(self) -> Any:
        return json.loads(self.payload)


@dataclass(frozen=True)
class Envelope:
    project: str
    headers: dict[str, Any]
    items: list[Item]
    auth: str  # the X-Sentry-Auth header


def decompress(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br":
        import brotli

        return bytes(brotli.decompress(body))
    if encoding in ("", "identity"):
        return body
    raise ValueError(f"unknown content encoding {encoding!r}")


def parse_envelope(data: bytes) -> tuple[dict[str, Any], list[Item]]:
    """The envelope format (develop.sentry.dev/sdk/envelopes): a header line, then items, each
    a header line and a payload of ``length`` bytes (or up to the next newline)."""
    header_line, _, rest = data.partition(b"\n")
    headers = json.loads(header_line)
    items: list[Item] = []
    while rest.strip():
        item_line, _, rest = rest.partition(b"\n")
        if not item_line.strip():
            continue
        item_headers = json.loads(item_line)
        length = item_headers.get("length")
        if length is None:
            payload, _, rest = rest.partition(b"\n")
        else:
            payload, rest = rest[:length], rest[length:]
            rest = rest.removeprefix(b"\n")
        items.append(Item(item_headers.get("type", ""), item_headers, payload))
    return headers, items


class FakeSentry(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []
        self.rejected: list[str] = []  # what could not be decoded, and why
        self._arrived = threading.Condition()

    @property
    def dsn(self) -> str:
        return f"http://{KEY}@127.0.0.1:{self._port}/{PROJECT}"

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        match = ENVELOPE_PATH.match(request.path.split("?")[0])
        if request.method != "POST" or not match:
            return 404, {"detail": "not an envelope endpoint"}
        try:
            body = decompress(request.raw, request.headers.get("content-encoding", ""))
            headers, items = parse_envelope(body)
        except (ValueError, OSError) as error:
            self.rejected.append(repr(error))
            return 400, {"detail": "bad envelope"}
        envelope = Envelope(
            match["project"], headers, items, request.headers.get("x-sentry-auth", "")
        )
        with self._arrived:
            self.envelopes.append(envelope)
            self._arrived.notify_all()
        return 200, {"id": headers.get("event_id")}

    def events(self) -> list[dict[str, Any]]:
        """Every error event received so far (not transactions, sessions or client reports)."""
        return [item.json() for e in self.envelopes for item in e.items if item.type == "event"]

    def wait_for_events(self, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.events()) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._arrived.wait(left)
        return self.events()
