"""The embedded mode's channel layer.

Channels' ``InMemoryChannelLayer`` assumes every caller shares one event loop.  Gatehouse's
publisher runs on its own loop thread (``backend.realtime.dispatcher``) while consumers run on
daphne's loop, and health checks or tests may use a third; so this layer keeps each channel's
inbox with the loop that reads it and wakes that loop thread-safely.  One process only, like
the in-memory layer: the full stack uses channels-redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading
from collections import deque
from typing import Any

from channels.exceptions import ChannelFull
from channels.layers import BaseChannelLayer


class _Inbox:
    __slots__ = ("loop", "messages", "waiter")

    def __init__(self) -> None:
        self.messages: deque[dict[str, Any]] = deque()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.waiter: asyncio.Future[None] | None = None


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class LocalChannelLayer(BaseChannelLayer):
    extensions = ["groups", "flush"]

    def __init__(self, capacity: int = 1000, **kwargs: Any) -> None:
        super().__init__(capacity=capacity, **kwargs)
        self._lock = threading.Lock()
        self._inboxes: dict[str, _Inbox] = {}
        self._groups: dict[str, set[str]] = {}

    async def new_channel(self, prefix: str = "specific.") -> str:
        name = f"{prefix}local!{secrets.token_hex(8)}"
        with self._lock:
            self._inboxes[name] = _Inbox()
        return name

    async def send(self, channel: str, message: dict[str, Any]) -> None:
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        with self._lock:
            self._deliver(channel, message)

    def _deliver(self, channel: str, message: dict[str, Any]) -> None:
        """Queue one message and wake its reader; the caller holds the lock."""
        inbox = self._inboxes.get(channel)
        if inbox is None:
            inbox = self._inboxes[channel] = _Inbox()
        if len(inbox.messages) >= self.get_capacity(channel):
            raise ChannelFull(channel)
        inbox.messages.append(dict(message))
        waiter, inbox.waiter = inbox.waiter, None
        if waiter is not None and inbox.loop is not None:
            try:
                inbox.loop.call_soon_threadsafe(_wake, waiter)
            except RuntimeError:  # the reader's loop is closed: nobody will read this inbox
                self._forget(channel)

    async def receive(self, channel: str) -> dict[str, Any]:
        self.require_valid_channel_name(channel)
        loop = asyncio.get_running_loop()
        try:
            while True:
                with self._lock:
                    inbox = self._inboxes.get(channel)
                    if inbox is None:
                        inbox = self._inboxes[channel] = _Inbox()
                    inbox.loop = loop
                    if inbox.messages:
                        return inbox.messages.popleft()
                    waiter = inbox.waiter = loop.create_future()
                await waiter
        except asyncio.CancelledError:
            # Channels cancels receive() when the consumer ends: that channel is gone.
            with self._lock:
                self._forget(channel)
            raise

    def _forget(self, channel: str) -> None:
        self._inboxes.pop(channel, None)
        for members in self._groups.values():
            members.discard(channel)

    async def group_add(self, group: str, channel: str) -> None:
        self.require_valid_group_name(group)
        self.require_valid_channel_name(channel)
        with self._lock:
            self._groups.setdefault(group, set()).add(channel)

    async def group_discard(self, group: str, channel: str) -> None:
        with self._lock:
            members = self._groups.get(group)
            if members is not None:
                members.discard(channel)
                if not members:
                    del self._groups[group]

    async def group_send(self, group: str, message: dict[str, Any]) -> None:
        self.require_valid_group_name(group)
        with self._lock:
            for channel in tuple(self._groups.get(group, ())):
                # A full inbox belongs to a consumer that stopped reading; like the other
                # layers, a group send skips it rather than failing for everyone.
                with contextlib.suppress(ChannelFull):
                    self._deliver(channel, message)

    async def flush(self) -> None:
        with self._lock:
            self._inboxes.clear()
            self._groups.clear()

    def group_size(self, group: str) -> int:
        with self._lock:
            return len(self._groups.get(group, ()))
