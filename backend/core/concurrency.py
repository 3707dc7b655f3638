"""Admit a bounded number of HTTP requests into Django at once; queue the rest.

Under ASGI every sync view runs in a thread of its own. A burst of 500 requests becomes 500
threads fighting for the GIL and for the database pool, and the slowest wait longer than
the pool's timeout. Letting in at most ``HTTP_CONCURRENCY`` requests (the size of the pool)
and queueing the others on the event loop, where waiting costs nothing, finishes the same
burst sooner and with no request starved of a connection. Websockets are not limited here.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

# Where a request's arrival is noted in its scope: its latency (backend/core/metrics.py)
# counts the time it waited here too.
ARRIVED = "gatehouse.arrived"


class HttpConcurrencyLimit:
    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:  # made in the serving loop, on first use
            self._semaphore = asyncio.Semaphore(self.limit)
        scope[ARRIVED] = time.perf_counter()
        async with self._semaphore:
            await self.app(scope, receive, send)
