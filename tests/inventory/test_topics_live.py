"""Live availability over a real daphne (PostgreSQL, the real channel layer) and a real
websocket client, with holds made through the server's HTTP API."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests.accounts.helpers import sign_in
from tests.conftest import database_url_of_tests
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.live import LiveServer, live_server

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TOPIC = "event:live-fest:availability"


@pytest.fixture
def fest() -> Any:
    event = EventFactory(slug="live-fest")
    return SlotFactory(resource=ResourceFactory(event=event, units=100))


def watcher(server: LiveServer) -> Any:
    return websockets.connect(server.ws_url, origin=server.origin, open_timeout=5)


async def ask(ws: Any, frame: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps(frame))
    return json.loads(await asyncio.wait_for(ws.recv(), 5))


async def next_frame(ws: Any, timeout: float = 5) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def hold_over_http(server: LiveServer, slot: Any, tokens: list[str]) -> list[int]:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        answers = await asyncio.gather(
            *(
                client.post(
                    "/api/holds/",
                    json={"event": "live-fest", "items": [{"slot": slot.pk, "quantity": 1}]},
                    headers={"Authorization": f"Bearer {token}"},
                )
                for token in tokens
            )
        )
    return [a.status_code for a in answers]


def tokens(n: int) -> list[str]:
    return [sign_in(UserFactory()).access for _ in range(n)]


def test_a_watcher_sees_another_users_hold_within_a_second(
    gatehouse_server: LiveServer, fest: Any
) -> None:
    [token] = tokens(1)

    async def scenario() -> tuple[float, dict[str, Any]]:
        async with watcher(gatehouse_server) as ws:
            await ask(ws, {"type": "subscribe", "topic": TOPIC})
            started = time.monotonic()
            await hold_over_http(gatehouse_server, fest, [token])
            frame = await next_frame(ws, timeout=1)
            return time.monotonic() - started, frame

    elapsed, frame = asyncio.run(scenario())

    assert elapsed < 1
    assert frame["data"]["slots"][0]["available"] == 99


def test_a_burst_arrives_in_few_frames_without_gaps_and_ends_on_the_truth(
    gatehouse_server: LiveServer, fest: Any
) -> None:
    holders = tokens(40)

    async def scenario() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        async with watcher(gatehouse_server) as ws:
            subscribed = await ask(ws, {"type": "subscribe", "topic": TOPIC})
            statuses = await hold_over_http(gatehouse_server, fest, holders)
            assert statuses == [201] * 40
            frames = []
            while True:
                try:
                    frames.append(await next_frame(ws, timeout=1.5))
                except TimeoutError:
                    return subscribed, frames

    subscribed, frames = asyncio.run(scenario())

    assert [f["seq"] for f in frames] == list(
        range(subscribed["seq"] + 1, subscribed["seq"] + 1 + len(frames))
    )
    assert len(frames) < 40  # coalesced
    newest = max((s for f in frames for s in f["data"]["slots"]), key=lambda s: s["version"])
    assert newest["available"] == 60


def test_a_reconnecting_watcher_recovers_what_it_missed(
    gatehouse_server: LiveServer, fest: Any
) -> None:
    first, missed = tokens(1), tokens(3)

    async def scenario() -> tuple[dict[str, Any], list[dict[str, Any]], int]:
        async with watcher(gatehouse_server) as ws:
            subscribed = await ask(ws, {"type": "subscribe", "topic": TOPIC})
            await hold_over_http(gatehouse_server, fest, first)
            last = await next_frame(ws)
        for token in missed:  # one by one, while nobody watches
            await hold_over_http(gatehouse_server, fest, [token])
            await asyncio.sleep(0.3)
        async with watcher(gatehouse_server) as ws:
            resumed = await ask(
                ws,
                {
                    "type": "subscribe",
                    "topic": TOPIC,
                    "since": {"epoch": subscribed["epoch"], "seq": last["seq"]},
                },
            )
            replayed = []
            while True:
                try:
                    replayed.append(await next_frame(ws, timeout=1))
                except TimeoutError:
                    return resumed, replayed, last["seq"]

    resumed, replayed, last_seq = asyncio.run(scenario())

    assert resumed["recovered"] is True
    assert [f["seq"] for f in replayed] == list(range(last_seq + 1, last_seq + 1 + len(replayed)))
    assert replayed
    assert replayed[-1]["data"]["slots"][0]["available"] == 96


def test_a_gap_beyond_the_history_gets_a_fresh_snapshot(tmp_path: Path, fest: Any) -> None:
    from django.conf import settings

    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_tests(),
        "GATEHOUSE_VAR_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "REALTIME_HISTORY_SIZE": "2",
        "REALTIME_HISTORY_MAX": "2",
        "REALTIME_HISTORY_SECONDS": "0",
    }
    first, missed = tokens(1), tokens(4)

    async def scenario(server: LiveServer) -> dict[str, Any]:
        async with watcher(server) as ws:
            subscribed = await ask(ws, {"type": "subscribe", "topic": TOPIC})
            await hold_over_http(server, fest, first)
            last = await next_frame(ws)
        for token in missed:
            await hold_over_http(server, fest, [token])
            await asyncio.sleep(0.3)
        async with watcher(server) as ws:
            return await ask(
                ws,
                {
                    "type": "subscribe",
                    "topic": TOPIC,
                    "since": {"epoch": subscribed["epoch"], "seq": last["seq"]},
                },
            )

    with live_server(env, tmp_path) as server:
        answer = asyncio.run(scenario(server))

    assert answer["recovered"] is False
    assert answer["snapshot"]["slots"][0]["available"] == 95
