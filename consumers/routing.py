"""Websocket routes: ``/ws/`` is the gateway; any other websocket path is refused."""

from __future__ import annotations

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

import consumers.registered  # noqa: F401  (registers the topics)
from consumers.gateway import Gateway


class UnknownPath(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        await self.close()


# django-stubs types re_path() for views only; Channels routes ASGI applications with it.
websocket_urlpatterns = [
    re_path(r"^ws/$", Gateway.as_asgi()),  # type: ignore[arg-type]
    re_path(r"", UnknownPath.as_asgi()),  # type: ignore[arg-type]
]
