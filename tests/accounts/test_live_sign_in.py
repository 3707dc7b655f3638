"""Signing in over a real daphne: JWT and device token, on REST and the websocket."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import websockets

from backend.accounts.services.devices import device_create
from tests.accounts.helpers import sign_in
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


async def authenticate(server: Any, token: str) -> dict[str, Any]:
    async with websockets.connect(server.ws_url, origin=server.origin, open_timeout=5) as ws:
        await ws.send(json.dumps({"type": "auth", "token": token}))
        return json.loads(await asyncio.wait_for(ws.recv(), 5))


def test_a_user_and_a_station_sign_in_over_the_real_server(gatehouse_server: Any) -> None:
    user = UserFactory(name="Noura")
    pair = sign_in(user)
    _, device_token = device_create(label="Gate A", event=EventFactory(slug="live-fest"))

    me = httpx.get(
        f"{gatehouse_server.url}/api/auth/me/", headers={"Authorization": f"Bearer {pair.access}"}
    )
    station = httpx.get(
        f"{gatehouse_server.url}/api/devices/me/",
        headers={"Authorization": f"Device {device_token}"},
    )
    user_frame = asyncio.run(authenticate(gatehouse_server, pair.access))
    device_frame = asyncio.run(authenticate(gatehouse_server, device_token))
    forged = asyncio.run(authenticate(gatehouse_server, pair.access[:-2] + "xx"))

    assert me.status_code == 200
    assert me.json()["name"] == "Noura"
    assert station.status_code == 200
    assert station.json()["event"] == "live-fest"
    assert user_frame["type"] == "auth.ok"
    assert user_frame["user"]["id"] == user.pk
    assert device_frame["type"] == "auth.ok"
    assert device_frame["user"]["roles"] == ["scanner"]
    assert forged == {
        "type": "error",
        "code": "auth_failed",
        "message": "The token is not valid, has expired or was revoked.",
    }
