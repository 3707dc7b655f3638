"""After PostgreSQL went away: drop the pooled connections it broke, without waiting for
each one to fail a request of its own.

A PostgreSQL restart (or a failover) breaks every connection the pools hold idle, and a pool
only learns it when it hands one out: without help, each of the pool's connections would
fail one more request after the server is back. Testing every connection at each check-out
(Django's ``CONN_HEALTH_CHECKS`` with a pool) would cost a round trip on every request.
Instead, the first request that meets a database error (answered 503, ``DatabaseUnavailable``)
asks the pool to test its idle connections at once, on a thread of their own: the broken ones
are replaced, and the requests after it find working connections. At most once per
``CHECK_INTERVAL`` seconds per process, so an outage does not start a check per request.
The rush routes' pool (backend/core/async_db.py) does the same on its event loop.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import connections

logger = logging.getLogger(__name__)

CHECK_INTERVAL = 1.0
_lock = threading.Lock()
_last_check: dict[str, float] = {}


def due(pool: str) -> bool:
    """Whether a check of ``pool`` may start now (and count it as started)."""
    with _lock:
        now = time.monotonic()
        if now - _last_check.get(pool, float("-inf")) < CHECK_INTERVAL:
            return False
        _last_check[pool] = now
        return True


def _check(alias: str) -> None:
    pool = getattr(connections[alias], "pool", None)
    if pool is None or pool.closed:
        return
    try:
        pool.check()
    except Exception:  # the server may still be down: the next error asks again
        logger.info("Checking the %s database pool failed", alias, exc_info=True)


def check_pools_soon() -> None:
    """Test the idle connections of every pooled Django database, on a thread."""
    for alias in connections:
        if getattr(connections[alias], "pool", None) is not None and due(alias):
            threading.Thread(
                target=_check, args=(alias,), name=f"db-pool-check-{alias}", daemon=True
            ).start()
