"""Sliding-window rate limits, shared by every process in the full stack.

A :class:`Limit` allows ``count`` hits per ``window`` seconds for one key (a phone, an IP,
an account).  Hits live in Redis (a sorted set per key, changed by one Lua script so that
checking several limits and recording the hit are one atomic step) or, in the embedded
mode, in process.  Time is passed in, so that tests can stand at a limit's exact edge.
"""

from __future__ import annotations

import ipaddress
import math
import secrets
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from backend.core.errors import RateLimited
from backend.realtime.redis import sync_redis


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window: float  # seconds

    def key(self, subject: str) -> str:
        return f"{self.name}:{subject}"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the refusing limit would allow a hit

    def raise_if_refused(self, message: str | None = None) -> None:
        if not self.allowed:
            raise RateLimited(self.retry_after, message)


class Store(Protocol):
    def hit(
        self, keys: Sequence[tuple[str, Limit]], now: float, member: str, record: bool = True
    ) -> Decision: ...
    def remove(self, keys: Sequence[tuple[str, Limit]], member: str) -> None: ...
    def clear(self, keys: Sequence[tuple[str, Limit]]) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._hits: dict[str, list[tuple[float, str]]] = {}
        self._lock = threading.Lock()

    def hit(
        self, keys: Sequence[tuple[str, Limit]], now: float, member: str, record: bool = True
    ) -> Decision:
        with self._lock:
            waits = []
            for key, limit in keys:
                hits = [h for h in self._hits.get(key, []) if h[0] > now - limit.window]
                self._hits[key] = hits
                if len(hits) >= limit.count:
                    waits.append(hits[-limit.count][0] + limit.window - now)
            if waits:
                return Decision(False, max(waits))
            if not record:
                return Decision(True)
            for key, _ in keys:
                self._hits[key].append((now, member))
            return Decision(True)

    def remove(self, keys: Sequence[tuple[str, Limit]], member: str) -> None:
        with self._lock:
            for key, _ in keys:
                self._hits[key] = [h for h in self._hits.get(key, []) if h[1] != member]

    def clear(self, keys: Sequence[tuple[str, Limit]]) -> None:
        with self._lock:
            for key, _ in keys:
                self._hits.pop(key, None)


# KEYS: one sorted set per limit. ARGV: now, member, record (1/0), then (count, window) per
# key. A hit is recorded in every set only when every limit allows it (and record is 1).
_HIT_SCRIPT = """
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local count, window = tonumber(ARGV[i * 2 + 2]), tonumber(ARGV[i * 2 + 3])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= count then
    local oldest = redis.call('ZRANGE', key, -count, -count, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return tostring(wait) end
if ARGV[3] == '0' then return '0' end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[i * 2 + 3]) * 1000))
end
return '0'
"""


class RedisStore:
    prefix = "gh:rl:"

    def hit(
        self, keys: Sequence[tuple[str, Limit]], now: float, member: str, record: bool = True
    ) -> Decision:
        args: list[str | int] = [repr(now), member, "1" if record else "0"]
        for _, limit in keys:
            args += [limit.count, repr(float(limit.window))]
        keys_in_redis = [self.prefix + key for key, _ in keys]
        wait = float(sync_redis().eval(_HIT_SCRIPT, len(keys), *keys_in_redis, *args))
        return Decision(True) if wait <= 0 else Decision(False, wait)

    def remove(self, keys: Sequence[tuple[str, Limit]], member: str) -> None:
        pipe = sync_redis().pipeline(transaction=False)
        for key, _ in keys:
            pipe.zrem(self.prefix + key, member)
        pipe.execute()

    def clear(self, keys: Sequence[tuple[str, Limit]]) -> None:
        sync_redis().delete(*(self.prefix + key for key, _ in keys))


_memory = MemoryStore()


def _store() -> Store:
    return RedisStore() if settings.REDIS_URL else _memory


@dataclass(frozen=True)
class Hit:
    """A recorded hit, so that it can be taken back (a send that never happened)."""

    keys: tuple[tuple[str, Limit], ...]
    member: str

    def refund(self) -> None:
        _store().remove(self.keys, self.member)


def hit(*limits: tuple[Limit, str], now: float | None = None) -> tuple[Decision, Hit]:
    """Count one hit against every ``(limit, subject)``, or none if any of them refuses."""
    keys = tuple((limit.key(subject), limit) for limit, subject in limits)
    member = secrets.token_hex(8)
    decision = _store().hit(keys, time.time() if now is None else now, member)
    return decision, Hit(keys, member)


def peek(*limits: tuple[Limit, str], now: float | None = None) -> Decision:
    """Would a hit be allowed? Counts nothing."""
    keys = tuple((limit.key(subject), limit) for limit, subject in limits)
    return _store().hit(keys, time.time() if now is None else now, "", record=False)


def check(*limits: tuple[Limit, str], now: float | None = None) -> None:
    """Count one hit or raise :class:`RateLimited` with the wait in whole seconds."""
    decision, _ = hit(*limits, now=now)
    decision.raise_if_refused()


def clear(*limits: tuple[Limit, str]) -> None:
    _store().clear(tuple((limit.key(subject), limit) for limit, subject in limits))


def address_key(ip: str | None) -> str:
    """What limits per client address count under: an IPv4 address itself, an IPv6 address's
    /64 network (one subscriber gets a whole /64: counting single addresses would give an
    attacker billions of fresh ones), or "unknown"."""
    if not ip:
        return "unknown"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def ceil_seconds(value: float) -> int:
    return max(1, math.ceil(value))
