"""``/ws/``: the one websocket endpoint (protocol in docs/websocket.md).

The gateway parses frames, checks the per-connection rate limit and hands each frame type to
its handler; topic frames from the process's hub go through the connection's subscriptions
(ordering) to its outbox; identity messages come through the channel layer.  Only the
``scan`` frame writes, through the scanning service.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from backend.realtime import metrics
from backend.realtime.hub import hub
from backend.realtime.load import ensure_probe
from consumers.auth import handle_auth, handle_identity_message
from consumers.frames import FrameError, dumps, error_frame, parse_client_frame, pong_frame
from consumers.identity import ANONYMOUS, Identity
from consumers.outbox import Outbox
from consumers.protocol import Connection
from consumers.ratelimit import TokenBucket
from consumers.scan import handle_scan
from consumers.subscribe import handle_subscribe, handle_unsubscribe
from consumers.subscriptions import Subscriptions

logger = logging.getLogger(__name__)

Handler = Callable[[Connection, dict[str, Any]], Awaitable[None]]


async def handle_ping(conn: Connection, frame: dict[str, Any]) -> None:
    await conn.send_text(pong_frame())


class Gateway(AsyncWebsocketConsumer):
    handlers: dict[str, Handler] = {
        "auth": handle_auth,
        "ping": handle_ping,
        "subscribe": handle_subscribe,
        "unsubscribe": handle_unsubscribe,
        "scan": handle_scan,
    }

    async def connect(self) -> None:
        ensure_probe()
        conf = settings.REALTIME
        self.identity: Identity = ANONYMOUS
        self.auth_timer: asyncio.TimerHandle | None = None
        self.auth_task: asyncio.Future[None] | None = None
        self.subscriptions = Subscriptions()
        self.bucket = TokenBucket(conf["FRAMES_PER_SECOND"], conf["FRAME_BURST"])
        self.outbox = Outbox(self._write_text, self._close_with, conf["OUTBOX_SIZE"])
        self._flood_notice_at = 0.0
        await self.accept()
        self.outbox.start()
        self.counted = True
        metrics.WEBSOCKETS_OPEN.labels("gateway").inc()

    async def disconnect(self, code: int) -> None:
        if getattr(self, "counted", False):
            self.counted = False
            metrics.WEBSOCKETS_OPEN.labels("gateway").dec()
        if self.auth_timer is not None:
            self.auth_timer.cancel()
        await self.outbox.stop()
        for topic in self.subscriptions.topics():
            self.unwatch(topic)
        for group in self.identity.groups():
            await self.leave(group)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.bucket.take():
            await self._refuse_flood()
            return
        try:
            frame = parse_client_frame(text_data, bytes_data, settings.REALTIME["MAX_FRAME_BYTES"])
            handler = self.handlers.get(frame["type"])
            if handler is None:
                raise FrameError("bad_request", f"Unknown frame type {frame['type']!r}.")
            await handler(self, frame)
        except FrameError as error:
            await self.outbox.put(error_frame(error.code, error.message, **error.extra))
        except Exception:
            logger.exception("A websocket frame handler failed")
            await self.outbox.put(error_frame("server_error", "Something went wrong on our side."))

    def deliver(self, topic: str, epoch: str, seq: int, text: str) -> int:
        """A topic frame from the process's hub (``backend.realtime.hub``): the same text
        for every watcher, queued as it is. Returns the outbox's backlog."""
        if self.subscriptions.admit(topic, epoch, seq, text):
            self.outbox.offer(text)
        return self.outbox.backlog

    def backlog(self) -> int:
        return self.outbox.backlog

    async def rt_identity(self, message: dict[str, Any]) -> None:
        """The identity was revoked or its roles changed (``backend.realtime``)."""
        await handle_identity_message(self, message)

    # What the handlers use of the connection (consumers.protocol.Connection).

    async def send_frame(self, frame: dict[str, Any]) -> None:
        await self.outbox.put(dumps(frame))

    async def send_text(self, text: str) -> None:
        await self.outbox.put(text)

    async def watch(self, topic: str) -> None:
        await hub().join(topic, self)

    def unwatch(self, topic: str) -> None:
        hub().leave(topic, self)

    async def join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)

    async def leave(self, group: str) -> None:
        await self.channel_layer.group_discard(group, self.channel_name)

    async def _refuse_flood(self) -> None:
        now = time.monotonic()
        if now - self._flood_notice_at >= 1.0:  # one notice a second, not one per frame
            self._flood_notice_at = now
            await self.outbox.put(
                error_frame(
                    "rate_limited",
                    "Too many frames; slow down.",
                    retry_after=round(self.bucket.retry_after(), 3),
                )
            )

    async def _write_text(self, text: str) -> None:
        await self.send(text_data=text)

    async def _close_with(self, code: int) -> None:
        await self.close(code=code)
