"""The real Gatehouse ASGI app plus a test topic, for tests that run a live daphne.

``test:{name}`` is a public topic with an empty snapshot, and ``POST /__test__/publish``
(JSON ``{"topic", "count", "size"}``) publishes ``count`` frames to it from inside the
server process through the real ``publish()``, and answers once they have all been sent.
Only the test suite serves this module.
"""

from __future__ import annotations

import json
from typing import Any

from asgiref.sync import sync_to_async

from backend.asgi import application as gatehouse_application
from backend.realtime import publish
from backend.realtime.dispatcher import dispatcher
from consumers.permissions import anyone
from consumers.topics import TopicSpec, registry

registry.register(
    TopicSpec(
        topic="test:{name}",
        may_subscribe=anyone,
        snapshot=lambda params, options: {"name": params["name"]},
    )
)


def publish_many(topic: str, count: int, size: int) -> None:
    padding = "x" * size
    for number in range(1, count + 1):
        publish(topic, "test", {"n": number, "padding": padding})
    dispatcher.drain(timeout=60)  # answer once every frame has reached the channel layer


async def _read_body(receive: Any) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http" and scope["path"] == "/__test__/publish":
        request = json.loads(await _read_body(receive))
        await sync_to_async(publish_many)(
            request["topic"], int(request.get("count", 1)), int(request.get("size", 0))
        )
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})
        return
    await gatehouse_application(scope, receive, send)
