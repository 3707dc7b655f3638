"""What a frame handler may touch of its connection.

The handlers (``auth``, ``subscribe``, ``scan``, ``ping``) take a :class:`Connection`, not the
Channels consumer: they read and change the identity and the subscriptions, send frames, watch
topics through the process's hub, and join or leave channel-layer groups (the identity's).
:class:`consumers.gateway.Gateway` is the one implementation; mypy checks that it fits
wherever it hands itself to a handler.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from consumers.identity import Identity
from consumers.subscriptions import Subscriptions


class Connection(Protocol):
    identity: Identity
    """Who is on the other end (anonymous until an ``auth`` frame proves otherwise)."""
    subscriptions: Subscriptions
    auth_timer: asyncio.TimerHandle | None
    """Fires when the identity's token expires."""
    auth_task: asyncio.Future[None] | None
    """The expiry at work (the timer started it)."""

    async def send_frame(self, frame: dict[str, Any]) -> None:
        """Queue ``frame`` for the client, serialized as JSON."""

    async def send_text(self, text: str) -> None:
        """Queue a frame that is already text (an error frame, a replayed topic frame)."""

    async def watch(self, topic: str) -> None:
        """Receive the topic's frames from the process's hub (``Subscriptions`` sorts them)."""

    def unwatch(self, topic: str) -> None:
        """Stop receiving the topic's frames."""

    async def join(self, group: str) -> None:
        """Join a channel-layer group: what is sent to it reaches this connection."""

    async def leave(self, group: str) -> None:
        """Leave a channel-layer group."""
