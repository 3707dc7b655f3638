"""Realtime: the only way the backend pushes to websockets.

Services call :func:`publish` inside their transaction; the frame leaves only once the
transaction commits, so nothing is ever pushed for a write that rolled back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction

from backend.realtime.dispatcher import Coalesce, dispatcher, serialize_body
from backend.realtime.topics import group_name, identity_group

__all__ = [
    "IDENTITY_MESSAGE_TYPE",
    "Coalesce",
    "Published",
    "capture_publishes",
    "identity_changed",
    "identity_ended",
    "publish",
]

IDENTITY_MESSAGE_TYPE = "rt.identity"


@dataclass(frozen=True, slots=True)
class Published:
    topic: str
    kind: str
    data: Mapping[str, Any]
    coalesce: Coalesce | None = field(default=None, compare=False)


_sinks: list[list[Published]] = []


def publish(
    topic: str,
    kind: str,
    data: Mapping[str, Any],
    *,
    coalesce: Coalesce | None = None,
    using: str | None = None,
) -> None:
    """Send ``data`` as a ``kind`` frame to the subscribers of ``topic`` after commit.

    ``data`` must not be changed after the call: it is serialized later, on the
    dispatcher's thread.  Outside a transaction the frame is handed over at once.  With
    ``REALTIME_SERIALIZE_AT_PUBLISH`` (the test suite's settings) it is also serialized
    here, so a payload that cannot be sent fails in the code that made it.
    """
    group_name(topic)  # a bad topic name fails here, in the caller, not on another thread
    if settings.REALTIME_SERIALIZE_AT_PUBLISH:
        serialize_body(topic, kind, data)
    published = Published(topic, kind, data, coalesce)
    transaction.on_commit(partial(_hand_over, published), using=using, robust=True)


def _hand_over(published: Published) -> None:
    for sink in _sinks:
        sink.append(published)
    dispatcher.submit(published.topic, published.kind, published.data, published.coalesce)


def identity_ended(kind: str, key: object, *, using: str | None = None) -> None:
    """After commit: every live websocket signed in as this identity (a revoked station, an
    ended session) becomes anonymous at once and loses what needed the identity."""
    _signal_identity(kind, key, "ended", using)


def identity_changed(kind: str, key: object, *, using: str | None = None) -> None:
    """After commit: live websockets of this identity check their topics again (a role
    was taken away) and drop those they may no longer watch."""
    _signal_identity(kind, key, "changed", using)


def _signal_identity(kind: str, key: object, action: str, using: str | None) -> None:
    group = identity_group(kind, key)  # a bad kind or key fails here, in the caller
    message = {"type": IDENTITY_MESSAGE_TYPE, "action": action, "kind": kind, "key": str(key)}
    transaction.on_commit(partial(dispatcher.signal, group, message), using=using, robust=True)


@contextlib.contextmanager
def capture_publishes() -> Iterator[list[Published]]:
    """Collect what is handed to the dispatcher (after commit) while the block runs."""
    sink: list[Published] = []
    _sinks.append(sink)
    try:
        yield sink
    finally:
        _sinks.remove(sink)
