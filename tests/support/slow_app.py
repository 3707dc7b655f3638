"""The real Gatehouse ASGI app plus ``GET /__test__/slow?seconds=S``: an answer that takes
S seconds (a request in flight while a node is told to stop). Only the test suite serves
this module."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs

from backend.asgi import application as gatehouse_application


async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http" and scope["path"] == "/__test__/slow":
        query = parse_qs(scope.get("query_string", b"").decode())
        seconds = min(10.0, float(query.get("seconds", ["1"])[0]))
        await asyncio.sleep(seconds)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"ok": true, "slow": true}'})
        return
    await gatehouse_application(scope, receive, send)
