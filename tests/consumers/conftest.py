from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from channels.testing import WebsocketCommunicator

from backend.asgi import application
from consumers.identity import Identity
from consumers.topics import TopicFilterError, TopicSpec, registry

ORIGIN = (b"origin", b"http://127.0.0.1")


def _snapshot(params: dict[str, str], options: dict[str, Any]) -> dict[str, Any]:
    if "bad" in options:
        raise TopicFilterError("'bad' is not a filter of this topic")
    return {"name": params["name"], "filter": options}


def _only_named_open(identity: Identity, params: dict[str, str]) -> bool:
    return params["name"].startswith("open")


@pytest.fixture
def test_topics() -> Iterator[None]:
    """``test:{name}`` anyone may watch; ``guarded:{name}`` only names starting "open"."""
    registry.register(TopicSpec("test:{name}", lambda i, p: True, _snapshot))
    registry.register(TopicSpec("guarded:{name}", _only_named_open, _snapshot))
    yield
    registry.unregister("test:{name}")
    registry.unregister("guarded:{name}")


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
        communicator = WebsocketCommunicator(application, "/ws/", headers or [ORIGIN])
        connected, _ = await communicator.connect()
        assert connected
        opened.append(communicator)
        return Client(communicator)

    yield open_client
    for communicator in opened:
        await communicator.disconnect()


def unique(prefix: str = "t") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"
