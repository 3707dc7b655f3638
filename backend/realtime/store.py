"""Numbering and history of the frames of each topic.

A topic's frames carry ``epoch`` and ``seq``: ``seq`` rises by one per frame within an epoch,
and the epoch changes whenever the numbering is lost (a Redis flush, an expired idle topic,
a restart of the embedded server).  Each topic keeps a bounded history (at least
``HISTORY_SIZE`` frames and every frame younger than ``HISTORY_SECONDS``, never more than
``HISTORY_MAX``) so that a client that reconnects can ask for what it missed.

Numbering, history and the frame's final text are made in one step, so a frame's ``seq`` and
its place in the history always agree: in Redis a single Lua script, in process one lock.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.connection import parse_url

from backend.realtime.redis import async_redis


@dataclass(frozen=True, slots=True)
class Frame:
    epoch: str
    seq: int
    text: str


@dataclass(frozen=True, slots=True)
class Position:
    epoch: str
    seq: int


def channel_prefix() -> str:
    """Where a topic's frames are published, as "<epoch>|<seq>|<frame text>", by the script
    that numbers them (see ``backend.realtime.hub``). Pub/sub channels are shared by every
    database of a Redis server, so the name carries REDIS_URL's database."""
    url = settings.REDIS_URL
    prefix = _prefixes.get(url)
    if prefix is None:
        prefix = _prefixes[url] = f"gh:rt:ch:{parse_url(url).get('db', 0) if url else 0}:"
    return prefix


_prefixes: dict[str, str] = {}


def channel_of(topic: str) -> str:
    """The Redis pub/sub channel a topic's frames are published on."""
    return channel_prefix() + topic


def new_epoch() -> str:
    return secrets.token_hex(4)


def finish_frame(body_open: str, epoch: str, seq: int) -> str:
    """Close a frame's JSON body (serialized once, without its last brace) with its numbers."""
    return f'{body_open},"epoch":"{epoch}","seq":{seq}}}'


class FrameStore(Protocol):
    async def append(self, topic: str, body_open: str) -> Frame:
        """Number a frame, keep it in the topic's history and return its final text."""

    async def position(self, topic: str) -> Position:
        """The topic's current epoch and last seq (0 before its first frame)."""

    async def since(self, topic: str, epoch: str, seq: int) -> list[Frame] | None:
        """Every frame after (epoch, seq), or None when the history cannot say."""


@dataclass(frozen=True, slots=True)
class HistoryLimits:
    size: int
    seconds: float
    max: int

    @classmethod
    def from_settings(cls) -> HistoryLimits:
        conf = settings.REALTIME
        return cls(conf["HISTORY_SIZE"], conf["HISTORY_SECONDS"], conf["HISTORY_MAX"])


class _TopicLog:
    __slots__ = ("epoch", "frames", "seq")

    def __init__(self) -> None:
        self.epoch = new_epoch()
        self.seq = 0
        self.frames: deque[tuple[float, Frame]] = deque()


class MemoryFrameStore:
    """The embedded mode's store: one process, so one lock keeps numbering and history, and
    hands each frame to the process's hubs in the same step (in ``seq`` order)."""

    def __init__(self, limits: HistoryLimits | None = None) -> None:
        self.limits = limits or HistoryLimits.from_settings()
        self._topics: dict[str, _TopicLog] = {}
        self._lock = threading.Lock()

    def _log(self, topic: str) -> _TopicLog:
        log = self._topics.get(topic)
        if log is None:
            log = self._topics[topic] = _TopicLog()
        return log

    async def append(self, topic: str, body_open: str) -> Frame:
        from backend.realtime.hub import hand_to_local_hubs  # the hub imports this module

        now = time.monotonic()
        with self._lock:
            log = self._log(topic)
            log.seq += 1
            frame = Frame(log.epoch, log.seq, finish_frame(body_open, log.epoch, log.seq))
            log.frames.append((now, frame))
            frames, limits = log.frames, self.limits
            while len(frames) > limits.max or (
                len(frames) > limits.size and frames[0][0] <= now - limits.seconds
            ):
                frames.popleft()
            hand_to_local_hubs(topic, frame)
            return frame

    async def position(self, topic: str) -> Position:
        with self._lock:
            log = self._log(topic)
            return Position(log.epoch, log.seq)

    async def since(self, topic: str, epoch: str, seq: int) -> list[Frame] | None:
        with self._lock:
            log = self._topics.get(topic)
            if log is None or log.epoch != epoch or seq > log.seq or seq < 0:
                return None
            if seq == log.seq:
                return []
            frames = [frame for _, frame in log.frames if frame.seq > seq]
        if not frames or frames[0].seq != seq + 1:
            return None
        return frames


# KEYS[1]: the topic's meta hash (epoch, seq); KEYS[2]: its history list.
# ARGV: epoch candidate, frame body without its last brace, history size, seconds, max, ttl,
# the topic's pub/sub channel. History entries are "<ms>|<seq>|<frame text>". The frame is
# published in the same step it is numbered in, so subscribers receive a topic in seq order.
_APPEND_SCRIPT = """
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', 0)
  redis.call('DEL', KEYS[2])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local text = ARGV[2] .. ',"epoch":"' .. epoch .. '","seq":' .. seq .. '}'
local t = redis.call('TIME')
local now_ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('RPUSH', KEYS[2], now_ms .. '|' .. seq .. '|' .. text)
local len = redis.call('LLEN', KEYS[2])
local size, max = tonumber(ARGV[3]), tonumber(ARGV[5])
if len > max then
  redis.call('LTRIM', KEYS[2], len - max, -1)
  len = max
end
local cutoff = now_ms - tonumber(ARGV[4]) * 1000
while len > size do
  local head = redis.call('LINDEX', KEYS[2], 0)
  if tonumber(string.match(head, '^(%d+)|')) > cutoff then break end
  redis.call('LPOP', KEYS[2])
  len = len - 1
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
redis.call('EXPIRE', KEYS[2], ARGV[6])
redis.call('PUBLISH', ARGV[7], epoch .. '|' .. seq .. '|' .. text)
return {epoch, seq, text}
"""

# KEYS[1]: the meta hash. Starts an epoch for a topic that has none yet.
_POSITION_SCRIPT = """
if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'seq', 0)
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return redis.call('HMGET', KEYS[1], 'epoch', 'seq')
"""

# An idle topic forgets its numbering after this long; its next frame starts a new epoch.
TOPIC_TTL_SECONDS = 24 * 60 * 60


class RedisFrameStore:
    """The full stack's store: shared by every process, so numbering survives any of them."""

    prefix = "gh:rt:"

    def __init__(self, limits: HistoryLimits | None = None) -> None:
        self.limits = limits or HistoryLimits.from_settings()

    def _keys(self, topic: str) -> list[str]:
        return [f"{self.prefix}meta:{topic}", f"{self.prefix}hist:{topic}"]

    async def append(self, topic: str, body_open: str) -> Frame:
        redis = async_redis()
        epoch, seq, text = await redis.eval(
            _APPEND_SCRIPT,
            2,
            *self._keys(topic),
            new_epoch(),
            body_open,
            self.limits.size,
            self.limits.seconds,
            self.limits.max,
            TOPIC_TTL_SECONDS,
            channel_of(topic),
        )
        return Frame(epoch.decode(), int(seq), text.decode())

    async def position(self, topic: str) -> Position:
        redis = async_redis()
        epoch, seq = await redis.eval(
            _POSITION_SCRIPT, 1, self._keys(topic)[0], new_epoch(), TOPIC_TTL_SECONDS
        )
        return Position(epoch.decode(), int(seq))

    async def since(self, topic: str, epoch: str, seq: int) -> list[Frame] | None:
        meta, hist = self._keys(topic)
        redis = async_redis()
        async with redis.pipeline(transaction=True) as pipe:
            pipe.hmget(meta, "epoch", "seq")
            pipe.lrange(hist, 0, -1)
            (current_epoch, current_seq), entries = await pipe.execute()
        if current_epoch is None or current_epoch.decode() != epoch:
            return None
        if seq < 0 or seq > int(current_seq):
            return None
        if seq == int(current_seq):
            return []
        frames = []
        for entry in entries:
            _, entry_seq, text = entry.decode().split("|", 2)
            if int(entry_seq) > seq:
                frames.append(Frame(epoch, int(entry_seq), text))
        if not frames or frames[0].seq != seq + 1:
            return None
        return frames


_store: FrameStore | None = None


def frame_store() -> FrameStore:
    """The store of this process's mode: Redis when REDIS_URL is set, else in process."""
    global _store
    if _store is None:
        _store = RedisFrameStore() if settings.REDIS_URL else MemoryFrameStore()
    return _store


def reset_frame_store() -> None:
    """Forget the store (tests switch settings; a forked worker must not share locks)."""
    global _store
    _store = None


@receiver(setting_changed)
def _forget_store_on_settings_change(setting: str, **kwargs: object) -> None:
    if setting in {"REDIS_URL", "REALTIME"}:
        reset_frame_store()
