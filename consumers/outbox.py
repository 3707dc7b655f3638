"""The bounded queue of frames on their way to one websocket client."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from backend.realtime import metrics

logger = logging.getLogger(__name__)

SLOW_CLIENT_CLOSE_CODE = 4008
STUCK_SECONDS = 0.25


class Outbox:
    """Frames waiting for one client, written in order by one writer task.

    Under Gatehouse's daphne (``backend.serve``) a websocket send waits while the client's
    socket buffer is full, so a client that stops reading makes frames pile up here.  When
    ``size`` frames are waiting the client is too slow: it is closed with code 4008 and
    recovers on reconnect with ``since``.
    """

    def __init__(
        self,
        send_text: Callable[[str], Awaitable[None]],
        close: Callable[[int], Awaitable[None]],
        size: int,
    ) -> None:
        self._send_text = send_text
        self._close = close
        self._queue: asyncio.Queue[str] = asyncio.Queue(maxsize=size)
        self._writer: asyncio.Task[None] | None = None
        self._closing: asyncio.Task[None] | None = None
        self._writing_since: float | None = None
        self.overflowed = False

    @property
    def backlog(self) -> int:
        """Frames waiting to be written, or -1 while the client is stuck: one write has been
        waiting for its socket for more than STUCK_SECONDS (the hub paces a burst only for
        clients that read)."""
        since = self._writing_since
        if since is not None and time.monotonic() - since > STUCK_SECONDS:
            return -1
        return self._queue.qsize()

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_forever(), name="ws-outbox")

    async def put(self, text: str) -> None:
        if self._queued(text):
            return
        await self._overflow()

    def offer(self, text: str) -> None:
        """``put`` for code that may not wait (the hub's fan-out): on overflow the close
        runs as a task of its own."""
        if self._queued(text):
            return
        self._closing = asyncio.get_running_loop().create_task(self._overflow())

    def _queued(self, text: str) -> bool:
        """Queue ``text``; False when the queue just overflowed (the client is too slow)."""
        if self.overflowed:
            metrics.FRAMES_DROPPED.inc()
            return True
        try:
            self._queue.put_nowait(text)
        except asyncio.QueueFull:
            self.overflowed = True
            return False
        return True

    async def _overflow(self) -> None:
        logger.info("Closing a websocket client too slow to read its frames")
        # The frame that did not fit, those still waiting and the one stuck in the writer:
        # none of them will be written.
        stuck = 1 if self._writing_since is not None else 0
        metrics.FRAMES_DROPPED.inc(1 + self._queue.qsize() + stuck)
        metrics.SLOW_CLIENT_CLOSES.inc()
        await self.stop()
        await self._close(SLOW_CLIENT_CLOSE_CODE)

    async def stop(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and writer is not asyncio.current_task():
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer

    async def _write_forever(self) -> None:
        queue, send, sent = self._queue, self._send_text, metrics.FRAMES_SENT
        while True:
            text = await queue.get()
            self._writing_since = time.monotonic()
            await send(text)
            self._writing_since = None
            sent.inc()
