"""The bounded queue of frames on their way to one websocket client."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

SLOW_CLIENT_CLOSE_CODE = 4008


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
        self.overflowed = False

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_forever(), name="ws-outbox")

    async def put(self, text: str) -> None:
        if self.overflowed:
            return
        try:
            self._queue.put_nowait(text)
        except asyncio.QueueFull:
            self.overflowed = True
            logger.info("Closing a websocket client too slow to read its frames")
            await self.stop()
            await self._close(SLOW_CLIENT_CLOSE_CODE)

    async def stop(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and writer is not asyncio.current_task():
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer

    async def _write_forever(self) -> None:
        queue, send = self._queue, self._send_text
        while True:
            await send(await queue.get())
