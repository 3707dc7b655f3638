"""How far behind the serving process's event loop is: the sign of a delivery backlog.

When a burst of frames meets many watchers, one process can deliver only so many frames a
second (about 3,000 here); past that, each coalescing window adds frames faster than they
leave and every watcher falls further behind. The gateway starts a probe on the serving
loop that measures how late a 100 ms timer fires; the dispatcher widens its coalescing
windows by that lag, so under load fewer frames carry the same final numbers (the protocol
promises *at most* one frame per topic per window, never more), and at rest nothing changes.
"""

from __future__ import annotations

import asyncio
import time
import weakref

PROBE_SECONDS = 0.1
MAX_WINDOW = 2.0
_lag = 0.0
_probed: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()
_probes: set[asyncio.Task[None]] = set()  # held, so the tasks are not collected


def loop_lag() -> float:
    """Seconds the serving loop is behind (a decaying maximum: quick to rise, slow to fall)."""
    return _lag


def window_for(base: float) -> float:
    """The coalescing window to use now: the topic's own, or wider while the loop lags."""
    return max(base, min(MAX_WINDOW, 2 * _lag))


async def _probe() -> None:
    global _lag
    try:
        while True:
            started = time.monotonic()
            await asyncio.sleep(PROBE_SECONDS)
            late = max(0.0, time.monotonic() - started - PROBE_SECONDS)
            _lag = late if late > _lag else _lag * 0.7 + late * 0.3
    finally:  # the loop is closing (a test's): no stale lag may outlive it
        _lag = 0.0


def ensure_probe() -> None:
    """Start the probe on the running loop, once per loop (the gateway calls this)."""
    loop = asyncio.get_running_loop()
    if loop not in _probed:
        _probed.add(loop)
        task = loop.create_task(_probe(), name="realtime-loop-lag")
        _probes.add(task)
        task.add_done_callback(_probes.discard)
