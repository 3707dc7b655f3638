"""The subscriber side of the realtime core: one hub per serving event loop.

A topic frame leaves the publisher once: the store numbers it, keeps it in the history and
publishes its finished text in the same step (one Lua script in Redis, one lock in process),
so every process receives a topic's frames in ``seq`` order. Each process (each serving loop)
has one hub. The hub subscribes once to the topics its connections watch, receives each frame
once and hands the same text to every local receiver (a websocket connection), which only
compares numbers and queues the text: no per-connection channel, JSON encoding or Redis round
trip.

Gapless: a topic's first watcher in a process subscribes, waits for Redis to confirm, then
reads the topic's position as the hub's baseline; frames up to it are dropped and every later
one arrives in order. Should the subscription lose frames (Redis went away and came back),
the next frame shows a gap and the hub fills it once from the topic's history before handing
anything on, for all of its receivers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import weakref
from collections import deque
from typing import Any, Protocol

from django.conf import settings

from backend.realtime import metrics
from backend.realtime.redis import async_redis
from backend.realtime.store import Frame, channel_of, channel_prefix, frame_store

logger = logging.getLogger(__name__)

# After a failed read the subscription is opened again after this long.
RECONNECT_SECONDS = 0.5
# When every reading receiver of a topic has more than PACE_BACKLOG frames waiting, the hub
# is ahead of all its clients: before the next frame it waits (looking every PACE_POLL
# seconds, at most PACE_MAX) until one of them is back under PACE_BACKLOG, so a burst is not
# turned into outbox overflows (4008) for clients that read as fast as they can. A client
# that stopped reading does not count, and one reading client that keeps up is enough for no
# pacing: a slow client never slows the others.
PACE_BACKLOG = 32
PACE_POLL = 0.001
PACE_MAX = 0.1


class Receiver(Protocol):
    def deliver(self, topic: str, epoch: str, seq: int, text: str) -> int:
        """One frame of a watched topic, on the hub's loop, in ``seq`` order. Must not block.
        Returns :meth:`backlog` after it."""

    def backlog(self) -> int:
        """How many frames wait to be written to the receiver's client, or a negative number
        when that client is not reading at all (it does not pace the hub)."""


class _Topic:
    __slots__ = ("epoch", "held", "ready", "receivers", "seq")

    def __init__(self, ready: asyncio.Future[None]) -> None:
        self.receivers: dict[Receiver, None] = {}  # ordered, unique
        self.epoch: str | None = None
        self.seq = 0
        self.ready = ready
        # Frames kept back while the baseline is read or a gap is filled (None: pass on).
        self.held: list[tuple[str, int, str]] | None = []


class Hub:
    """The topics watched on one event loop, and their delivery to local receivers."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._topics: dict[str, _Topic] = {}
        self._pubsub: Any = None  # redis.asyncio.client.PubSub (Redis mode)
        self._reader: asyncio.Task[None] | None = None
        self._confirming: dict[str, list[asyncio.Future[None]]] = {}
        self._subscribing = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._inbox: deque[tuple[str, str, int, str]] = deque()
        self._draining: asyncio.Task[None] | None = None
        self.delivered = 0  # frames handed to receivers (one per receiver)

    @property
    def redis_mode(self) -> bool:
        return bool(settings.REDIS_URL)

    def watching(self, topic: str) -> bool:
        return topic in self._topics

    def receivers(self, topic: str) -> int:
        state = self._topics.get(topic)
        return len(state.receivers) if state else 0

    # --- receivers come and go ------------------------------------------------------------

    async def join(self, topic: str, receiver: Receiver) -> None:
        """Deliver ``topic`` to ``receiver`` from now on. Returns once every frame numbered
        after this moment is certain to reach it (the subscription is confirmed)."""
        state = self._topics.get(topic)
        if state is not None:
            if receiver not in state.receivers:
                state.receivers[receiver] = None
                _count(topic, 1)
            await asyncio.shield(state.ready)
            return
        state = self._topics[topic] = _Topic(self.loop.create_future())
        state.receivers[receiver] = None
        _count(topic, 1)
        try:
            if self.redis_mode:
                await self._subscribe(topic)
            position = await frame_store().position(topic)
        except BaseException as error:
            if self._topics.get(topic) is state:
                del self._topics[topic]
                _count(topic, -len(state.receivers))
                self._after_last_left(topic)
            if isinstance(error, Exception):
                state.ready.set_exception(error)
                state.ready.exception()  # retrieved: no "never retrieved" warning
            else:
                state.ready.cancel()
            raise
        state.epoch, state.seq = position.epoch, position.seq
        held, state.held = state.held or [], None
        for epoch, seq, text in held:
            self._on_frame(topic, epoch, seq, text)
        state.ready.set_result(None)

    def leave(self, topic: str, receiver: Receiver) -> None:
        state = self._topics.get(topic)
        if state is None:
            return
        if receiver in state.receivers:
            del state.receivers[receiver]
            _count(topic, -1)
        if not state.receivers:
            del self._topics[topic]
            self._after_last_left(topic)

    def _after_last_left(self, topic: str) -> None:
        if not self.redis_mode or self._pubsub is None:
            return
        if self._topics:
            self._spawn(self._unsubscribe(topic))
        else:  # nothing watched on this loop any more: close the subscription
            pubsub, reader = self._pubsub, self._reader
            self._pubsub = self._reader = None
            self._confirming.clear()
            if reader is not None:
                reader.cancel()
            self._spawn(_close(pubsub))

    # --- Redis pub/sub ---------------------------------------------------------------------

    async def _subscribe(self, topic: str) -> None:
        if self._pubsub is None:
            self._pubsub = async_redis().pubsub()
        channel = channel_of(topic)
        confirmed = self.loop.create_future()
        self._confirming.setdefault(channel, []).append(confirmed)
        # One SUBSCRIBE at a time: redis-py's PubSub opens its connection on the first command,
        # and two sent together before it is open each open one, the first one's channels
        # then never confirmed (many clients subscribing to topics of their own at once).
        async with self._subscribing:
            await self._pubsub.subscribe(channel)
        if self._reader is None:
            self._reader = self.loop.create_task(self._read(self._pubsub), name="realtime-hub")
        await confirmed

    async def _unsubscribe(self, topic: str) -> None:
        pubsub = self._pubsub
        if pubsub is None or topic in self._topics:
            return
        with contextlib.suppress(Exception):
            await pubsub.unsubscribe(channel_of(topic))

    async def _read(self, pubsub: Any) -> None:
        while True:
            try:
                message = await pubsub.get_message(ignore_subscribe_messages=False, timeout=None)
            except asyncio.CancelledError:
                raise
            except Exception:
                if self._pubsub is not pubsub:
                    return
                logger.warning("The realtime subscription failed; subscribing again")
                await asyncio.sleep(RECONNECT_SECONDS)
                continue
            if message is None:
                continue
            kind, channel = message["type"], message["channel"]
            if isinstance(channel, bytes):
                channel = channel.decode()
            if kind == "message":
                data = message["data"]
                epoch, seq, text = (data.decode() if isinstance(data, bytes) else data).split(
                    "|", 2
                )
                topic = channel[len(channel_prefix()) :]
                backlog = self._on_frame(topic, epoch, int(seq), text)
                # Let the watchers' writers take their turn: a burst read from the socket in
                # one go would otherwise fill every outbox before anything is written.
                await self._pace(topic, backlog)
            elif kind == "subscribe":
                waiting = self._confirming.get(channel)
                if waiting:
                    future = waiting.pop(0)
                    if not waiting:
                        del self._confirming[channel]
                    if not future.done():
                        future.set_result(None)

    # --- frames ------------------------------------------------------------------------------

    def on_frame(self, topic: str, frame: Frame) -> None:
        """A frame numbered in this process (the embedded mode's store hands it over)."""
        self._inbox.append((topic, frame.epoch, frame.seq, frame.text))
        if self._draining is None:
            self._draining = self.loop.create_task(self._drain_inbox())

    async def _drain_inbox(self) -> None:
        try:
            while self._inbox:
                topic, epoch, seq, text = self._inbox.popleft()
                await self._pace(topic, self._on_frame(topic, epoch, seq, text))  # see _read
        finally:
            self._draining = None

    def _on_frame(self, topic: str, epoch: str, seq: int, text: str) -> int:
        """Hand one frame on; the smallest backlog of its receivers (0: none handed)."""
        state = self._topics.get(topic)
        if state is None:
            return 0  # nobody here watches it (any more)
        if state.held is not None:
            state.held.append((epoch, seq, text))
            return 0
        if epoch == state.epoch:
            if seq <= state.seq:
                return 0  # before the baseline, or a repeat
            if seq > state.seq + 1:
                state.held = [(epoch, seq, text)]
                self._spawn(self._fill_gap(topic, state))
                return 0
        state.epoch, state.seq = epoch, seq
        return self._hand_on(topic, state, epoch, seq, text)

    async def _pace(self, topic: str, backlog: int) -> None:
        """Yield to the writers; while every reading client of ``topic`` is behind, wait
        until one catches up (see PACE_BACKLOG)."""
        await asyncio.sleep(0)
        if backlog <= PACE_BACKLOG:
            return
        deadline = self.loop.time() + PACE_MAX
        while self.loop.time() < deadline:
            state = self._topics.get(topic)
            if state is None:
                return
            backlogs = [b for b in (r.backlog() for r in state.receivers) if b >= 0]
            if not backlogs or min(backlogs) <= PACE_BACKLOG:
                return
            await asyncio.sleep(PACE_POLL)

    def _hand_on(self, topic: str, state: _Topic, epoch: str, seq: int, text: str) -> int:
        least: int | None = None
        for receiver in list(state.receivers):
            try:
                backlog = receiver.deliver(topic, epoch, seq, text)
            except Exception:
                logger.exception("A realtime receiver failed")
                continue
            if backlog >= 0 and (least is None or backlog < least):
                least = backlog
        self.delivered += len(state.receivers)
        return least or 0

    async def _fill_gap(self, topic: str, state: _Topic) -> None:
        """Frames were lost between ``state.seq`` and the first held frame: take them from
        the topic's history once, then pass everything on in order."""
        assert state.epoch is not None
        try:
            missed = await frame_store().since(topic, state.epoch, state.seq)
        except Exception:
            logger.exception("Filling a gap in %s from its history failed", topic)
            missed = None
        held, state.held = state.held or [], None
        if self._topics.get(topic) is not state:
            return
        first = held[0][1] if held else None
        for frame in missed or ():
            if frame.seq > state.seq and (first is None or frame.seq < first):
                state.seq = frame.seq
                self._hand_on(topic, state, frame.epoch, frame.seq, frame.text)
        for epoch, seq, text in held:
            # A gap the history cannot fill is passed on: clients see it and recover.
            if epoch != state.epoch or seq > state.seq:
                state.epoch, state.seq = epoch, seq
                self._hand_on(topic, state, epoch, seq, text)

    def _spawn(self, coroutine: Any) -> None:
        task = self.loop.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _count(topic: str, change: int) -> None:
    """Receivers watching topics of this kind (a gauge over every process of the node)."""
    metrics.SUBSCRIPTIONS.labels(metrics.topic_kind(topic)).inc(change)


async def _close(pubsub: Any) -> None:
    with contextlib.suppress(Exception):
        await pubsub.aclose()


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = weakref.WeakKeyDictionary()
_hubs_lock = threading.Lock()


def hub() -> Hub:
    """The running loop's hub, made on first use."""
    loop = asyncio.get_running_loop()
    with _hubs_lock:
        found = _hubs.get(loop)
        if found is None:
            found = _hubs[loop] = Hub(loop)
        return found


def local_hubs() -> list[Hub]:
    with _hubs_lock:
        return list(_hubs.values())


def hand_to_local_hubs(topic: str, frame: Frame) -> None:
    """The embedded mode's publish: every loop of this process that watches ``topic`` gets
    the frame, in the order of the calls (the store calls this under its lock)."""
    for each in local_hubs():
        if each.watching(topic):
            try:
                each.loop.call_soon_threadsafe(each.on_frame, topic, frame)
            except RuntimeError:  # that loop is closed
                continue


def delivered_total() -> int:
    return sum(each.delivered for each in local_hubs())
