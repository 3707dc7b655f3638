"""The bare stack for bench/fanout.py's baseline: a consumer that only forwards.

Websocket clients on ``/bare/`` join one group; ``POST /bare/send`` sends one message to it.
No gateway, no topics, no numbering: what Channels and daphne cost on their own.
"""

from __future__ import annotations

import os
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

GROUP = "bare"


class Forward(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def bare_message(self, message: dict[str, Any]) -> None:
        await self.send(text_data=message["text"])


async def http(scope: dict[str, Any], receive: Any, send: Any) -> None:
    while (await receive()).get("more_body"):
        pass
    if scope["path"] == "/bare/send":
        await get_channel_layer().group_send(GROUP, {"type": "bare.message", "text": '{"n":1}'})
    body = b"{}"
    headers = [(b"content-type", b"application/json"), (b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


application = ProtocolTypeRouter(
    {"http": http, "websocket": URLRouter([path("bare/", Forward.as_asgi())])}
)
