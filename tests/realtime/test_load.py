"""Coalescing windows widen while the serving loop lags, and only then."""

from __future__ import annotations

import asyncio
import time

import pytest

from backend.realtime import load
from backend.realtime.redis import sync_redis


def test_at_rest_the_window_is_the_topics_own() -> None:
    assert load.window_for(0.25) == 0.25


async def test_a_blocked_loop_widens_the_window_and_it_recovers() -> None:
    load.ensure_probe()
    await asyncio.sleep(0.15)
    time.sleep(0.4)  # the loop is stuck delivering a backlog
    await asyncio.sleep(0.15)

    busy = load.window_for(0.25)
    for _ in range(30):
        await asyncio.sleep(0.1)

    assert busy > 0.4
    assert load.window_for(0.25) == 0.25
    assert load.window_for(10) == 10  # a topic's own wider window is kept


@pytest.mark.redis
def test_processes_share_their_lag_through_redis() -> None:

    sync_redis().hset(load.SHARED_KEY, "other-process", f"0.8000:{time.time():.3f}")
    sync_redis().hset(load.SHARED_KEY, "gone-process", f"1.5000:{time.time() - 60:.3f}")

    assert load._share(0.01) == 0.8  # the live process's lag; a stale report does not count
    sync_redis().delete(load.SHARED_KEY)
