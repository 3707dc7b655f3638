"""A websocket client of the gateway in process (channels' WebsocketCommunicator)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from channels.testing import WebsocketCommunicator

from backend.asgi import application

ORIGIN = (b"origin", b"http://127.0.0.1")
HOST = (b"host", b"127.0.0.1")  # a browser's handshake names both; the Origin must match


class Client:
    """A websocket client of the gateway, speaking JSON frames."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.ws = communicator

    async def send(self, frame: dict[str, Any] | str) -> None:
        await self.ws.send_to(text_data=frame if isinstance(frame, str) else json.dumps(frame))

    async def recv(self, timeout: float = 2.0) -> dict[str, Any]:
        return json.loads(await self.ws.receive_from(timeout))

    async def ask(self, frame: dict[str, Any] | str) -> dict[str, Any]:
        await self.send(frame)
        return await self.recv()

    async def silent(self, within: float = 0.3) -> bool:
        return await self.ws.receive_nothing(within)


@pytest.fixture
async def connect() -> AsyncIterator[Any]:
    opened: list[WebsocketCommunicator] = []

    async def open_client(headers: list[tuple[bytes, bytes]] | None = None) -> Client:
        communicator = WebsocketCommunicator(application, "/ws/", headers or [ORIGIN, HOST])
        connected, _ = await communicator.connect()
        assert connected
        opened.append(communicator)
        return Client(communicator)

    yield open_client
    for communicator in opened:
        await communicator.disconnect()
    # A station's scan runs on the loop's own database pool (backend.core.async_db): it
    # ends with the test's loop, its connections with it.
    from backend.core.async_db import close_pool

    await close_pool()
