"""The publisher side of the realtime core.

Committed publishes are handed to one dispatcher per process, which runs on a private event
loop thread so that a request never waits for Redis or for the fan-out.  For each frame it
serializes the JSON once; the store numbers it, keeps it in the topic's history and publishes
the finished text to every process's hub in one step (see ``store`` and ``hub``).  Frames of
one topic leave in the order they were published.  Control messages (an identity ended or
changed) still go through the channel layer's groups.

Coalescing: a publish may ask for its frames to be merged with the other frames of the same
topic and kind within a window.  The first frame after a quiet window goes out at once; later
ones wait for the window to end and leave as one frame in which the last value per key wins.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from channels.layers import BaseChannelLayer, get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder

from backend.realtime.load import window_for
from backend.realtime.store import frame_store

logger = logging.getLogger(__name__)


def _layer() -> BaseChannelLayer:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("CHANNEL_LAYERS has no default layer")
    return layer


# Frames being numbered and sent at once. A burst (a sweep that ends thousands of holds)
# queues here instead of opening a Redis connection per frame.
MAX_CONCURRENT_SENDS = 64
# A widened coalescing window is looked at again this often (see ``_schedule``).
RECHECK_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Coalesce:
    """Merge a topic's frames of one kind within ``window`` seconds, last value per key.

    ``keyed_lists`` names list fields whose items merge by an id field instead of being
    replaced whole, e.g. ``{"slots": "id"}``: two frames carrying different slots become one
    frame carrying both, and a slot in both keeps the later value.  With ``newest_by`` the
    item with the highest value of that field wins instead of the later one: values computed
    in different threads or processes can be handed over out of order, their version cannot.
    """

    window: float = 0.25
    keyed_lists: tuple[tuple[str, str], ...] = ()
    newest_by: str | None = None

    @classmethod
    def by_id(cls, *fields: str, window: float = 0.25, newest_by: str | None = None) -> Coalesce:
        return cls(
            window=window,
            keyed_lists=tuple((field, "id") for field in fields),
            newest_by=newest_by,
        )


class _Merge:
    """Frames of one topic and kind waiting for the end of their window."""

    __slots__ = ("data", "keyed", "spec")

    def __init__(self, spec: Coalesce) -> None:
        self.spec = spec
        self.data: dict[str, Any] = {}
        self.keyed: dict[str, dict[Any, Any]] = {}

    def add(self, data: Mapping[str, Any]) -> None:
        keyed_fields = dict(self.spec.keyed_lists)
        for key, value in data.items():
            id_field = keyed_fields.get(key)
            if id_field is not None and isinstance(value, list):
                items = self.keyed.setdefault(key, {})
                newest = self.spec.newest_by
                for item in value:
                    known = items.get(item[id_field])
                    if newest is None or known is None or item[newest] >= known[newest]:
                        items[item[id_field]] = item
            else:
                self.data[key] = value

    def result(self) -> dict[str, Any]:
        merged = dict(self.data)
        for key, items in self.keyed.items():
            merged[key] = list(items.values())
        return merged


def serialize_body(topic: str, kind: str, data: Mapping[str, Any]) -> str:
    """A frame's JSON without its closing brace; the store appends epoch and seq."""
    body = json.dumps(
        {"type": "event", "topic": topic, "kind": kind, "data": data},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return body[:-1]


class Dispatcher:
    def __init__(self) -> None:
        self._start_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid: int | None = None
        # topic -> [lock, number of frames using it]; dropped when no frame needs it
        self._topic_locks: dict[str, list[Any]] = {}
        self._merges: dict[tuple[str, str], tuple[_Merge, asyncio.TimerHandle]] = {}
        self._last_sent: dict[tuple[str, str], float] = {}
        self._inflight: set[asyncio.Task[None]] = set()
        self._sending: asyncio.Semaphore | None = None

    # --- any thread ---------------------------------------------------------------------

    def submit(
        self, topic: str, kind: str, data: Mapping[str, Any], coalesce: Coalesce | None
    ) -> None:
        self._running_loop().call_soon_threadsafe(self._accept, topic, kind, data, coalesce)

    def signal(self, group: str, message: dict[str, Any]) -> None:
        """Send one control message (not a numbered frame) to a channel-layer group."""
        self._running_loop().call_soon_threadsafe(self._signal, group, message)

    def drain(self, timeout: float = 10.0, *, flush_windows: bool = True) -> None:
        """Wait until every frame submitted so far has reached the channel layer.

        With ``flush_windows`` frames waiting in a coalescing window leave now instead of
        at the end of their window (tests, and a process that is about to exit).
        """
        loop = self._loop
        if loop is None or self._pid != os.getpid() or not loop.is_running():
            return
        asyncio.run_coroutine_threadsafe(self._drain(flush_windows), loop).result(timeout)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        loop = self._loop
        if loop is not None and self._pid == os.getpid():
            return loop
        with self._start_lock:
            if self._loop is None or self._pid != os.getpid():
                # First use in this process (or in a forked child, which has no thread).
                type(self).__init__(self)  # a fresh start: nothing of the parent's state
                self._loop = asyncio.new_event_loop()
                self._pid = os.getpid()
                threading.Thread(
                    target=self._loop.run_forever, name="realtime-dispatcher", daemon=True
                ).start()
            return self._loop

    # --- the dispatcher's loop ------------------------------------------------------------

    def _accept(
        self, topic: str, kind: str, data: Mapping[str, Any], coalesce: Coalesce | None
    ) -> None:
        if coalesce is None:
            self._emit(topic, kind, data)
            return
        key = (topic, kind)
        waiting = self._merges.get(key)
        if waiting is not None:
            waiting[0].add(data)
            return
        loop = self._loop
        assert loop is not None
        now = loop.time()
        last = self._last_sent.get(key)
        window = window_for(coalesce.window)  # wider while the serving loop lags behind
        if last is None or now - last >= window:
            self._last_sent[key] = now
            self._emit(topic, kind, data)
            return
        merge = _Merge(coalesce)
        merge.add(data)
        self._merges[key] = (merge, self._schedule(key, last, window, now))

    def _schedule(
        self, key: tuple[str, str], last: float, window: float, now: float
    ) -> asyncio.TimerHandle:
        """The window's end, looked at again every RECHECK_SECONDS while it is widened: when
        the backlog clears the frame leaves at once instead of at the wide window's end."""
        assert self._loop is not None
        return self._loop.call_at(min(last + window, now + RECHECK_SECONDS), self._due, key)

    def _due(self, key: tuple[str, str]) -> None:
        assert self._loop is not None
        merge, _handle = self._merges[key]
        now, last = self._loop.time(), self._last_sent[key]
        window = window_for(merge.spec.window)
        if now - last < window:
            self._merges[key] = (merge, self._schedule(key, last, window, now))
            return
        self._flush_window(key)

    def _flush_window(self, key: tuple[str, str]) -> None:
        merge, handle = self._merges.pop(key)
        handle.cancel()
        assert self._loop is not None
        self._last_sent[key] = self._loop.time()
        self._emit(key[0], key[1], merge.result())

    def _emit(self, topic: str, kind: str, data: Mapping[str, Any]) -> None:
        try:
            body_open = serialize_body(topic, kind, data)
        except (TypeError, ValueError):
            logger.exception("Cannot serialize a %r frame for %s", kind, topic)
            return
        assert self._loop is not None
        task = self._loop.create_task(self._send(topic, body_open))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    def _signal(self, group: str, message: dict[str, Any]) -> None:
        assert self._loop is not None
        task = self._loop.create_task(self._send_signal(group, message))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    async def _send_signal(self, group: str, message: dict[str, Any]) -> None:
        try:
            await _layer().group_send(group, message)
        except Exception:
            logger.exception("Sending %s to %s failed", message.get("type"), group)

    async def _send(self, topic: str, body_open: str) -> None:
        if self._sending is None:
            self._sending = asyncio.Semaphore(MAX_CONCURRENT_SENDS)
        async with self._sending:
            await self._send_in_order(topic, body_open)

    async def _send_in_order(self, topic: str, body_open: str) -> None:
        entry = self._topic_locks.get(topic)
        if entry is None:
            entry = self._topic_locks[topic] = [asyncio.Lock(), 0]
        lock = entry[0]
        entry[1] += 1
        try:
            async with lock:  # FIFO: a topic's frames are numbered and sent in publish order
                # Numbered, kept and published to every process's hub in one step.
                await frame_store().append(topic, body_open)
        except Exception:
            logger.exception("Publishing a frame to %s failed", topic)
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._topic_locks[topic]

    async def _drain(self, flush_windows: bool) -> None:
        if flush_windows:
            for key in list(self._merges):
                self._flush_window(key)
        while self._inflight:
            await asyncio.gather(*list(self._inflight), return_exceptions=True)


dispatcher = Dispatcher()


@atexit.register
def _drain_at_exit() -> None:
    try:
        dispatcher.drain(timeout=2.0)
    except Exception:  # a process on its way out has nobody left to tell
        logger.warning("Could not deliver the last realtime frames before exit")
