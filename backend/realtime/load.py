"""How far behind the serving event loops are: the sign of a delivery backlog.

When a burst of frames meets many watchers, one process can deliver only so many frames a
second (about 3,000 here); past that, each coalescing window adds frames faster than they
leave and every watcher falls further behind. The gateway starts a probe on the serving
loop that measures how late a 100 ms timer fires; the dispatcher widens its coalescing
windows by that lag, so under load fewer frames carry the same final numbers (the protocol
promises *at most* one frame per topic per window, never more), and at rest nothing changes.

In the full stack every process delivers every frame (pub/sub), but only the process that
handled a change publishes it: each process shares its lag in Redis at every probe (ten times
a second), and the dispatcher goes by the largest lag of any live process.
"""

from __future__ import annotations

import asyncio
import os
import time
import weakref

from django.conf import settings

PROBE_SECONDS = 0.1
# probes: every probe, so a lag that has passed stops widening the windows of the other
# processes within a probe or two (shared twice a second, the wide window outlived a burst by
# up to half a second in the two-process fan-out of bench/fanout.py)
SHARE_EVERY = 1
SHARED_KEY = "realtime:loop-lag"
FRESH_SECONDS = 2.0
MAX_WINDOW = 2.0

_lag = 0.0  # this process's loop
_cluster_lag = 0.0  # the largest lag any live process reported
_probed: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()
_probes: set[asyncio.Task[None]] = set()  # held, so the tasks are not collected


def loop_lag() -> float:
    """Seconds the serving loops are behind (a decaying maximum: quick to rise, slow to
    fall): this process's, or another's in the full stack."""
    return max(_lag, _cluster_lag)


def window_for(base: float) -> float:
    """The coalescing window to use now: the topic's own, or wider while a loop lags."""
    return max(base, min(MAX_WINDOW, 2 * loop_lag()))


def _share(lag: float) -> float:
    """Write this process's lag, read everyone's (blocking: runs in a thread)."""
    from backend.realtime.redis import sync_redis

    client, now = sync_redis(timeout=1.0), time.time()
    pipe = client.pipeline()
    pipe.hset(SHARED_KEY, str(os.getpid()), f"{lag:.4f}:{now:.3f}")
    pipe.expire(SHARED_KEY, 60)
    pipe.hgetall(SHARED_KEY)
    reports = pipe.execute()[-1]
    lags = []
    for value in reports.values():
        reported, _, at = value.decode().partition(":")
        if now - float(at) <= FRESH_SECONDS:
            lags.append(float(reported))
    return max(lags, default=0.0)


async def _probe() -> None:
    global _lag, _cluster_lag
    probes = 0
    try:
        while True:
            started = time.monotonic()
            await asyncio.sleep(PROBE_SECONDS)
            late = max(0.0, time.monotonic() - started - PROBE_SECONDS)
            _lag = late if late > _lag else _lag * 0.7 + late * 0.3
            probes += 1
            if settings.REDIS_URL and probes % SHARE_EVERY == 0:
                try:
                    _cluster_lag = await asyncio.to_thread(_share, _lag)
                except Exception:  # Redis away: go by this process alone
                    _cluster_lag = 0.0
    finally:  # the loop is closing (a test's): no stale lag may outlive it
        _lag = _cluster_lag = 0.0


def ensure_probe() -> None:
    """Start the probe on the running loop, once per loop (the gateway calls this)."""
    loop = asyncio.get_running_loop()
    if loop not in _probed:
        _probed.add(loop)
        task = loop.create_task(_probe(), name="realtime-loop-lag")
        _probes.add(task)
        task.add_done_callback(_probes.discard)
