"""The gateway over a real daphne process (``python -m backend.serve``) and a real client.

The server runs ``tests.support.live_app``: Gatehouse plus a public ``test:{name}`` topic and
a test-only endpoint that publishes frames from inside the server.  Each test runs against
the embedded mode and against Redis (channels-redis pub/sub, the Redis frame store).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.support.live import LiveServer, embedded_env, live_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["embedded", pytest.param("redis", marks=pytest.mark.redis)])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    var_dir = tmp_path_factory.mktemp(f"live-{request.param}")
    env = embedded_env(var_dir)
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.skip("needs Redis (set REDIS_URL)")
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    with live_server(env, var_dir, app="tests.support.live_app:application") as running:
        yield running


def connect(server: LiveServer, **kwargs: Any) -> Any:
    kwargs.setdefault("origin", server.origin)
    kwargs.setdefault("open_timeout", 5)
    return websockets.connect(server.ws_url, **kwargs)


async def ask(ws: Any, frame: dict[str, Any] | str) -> dict[str, Any]:
    await ws.send(frame if isinstance(frame, str) else json.dumps(frame))
    return json.loads(await asyncio.wait_for(ws.recv(), 5))


async def publish(server: LiveServer, topic: str, count: int, size: int = 0) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(
            f"{server.url}/__test__/publish", json={"topic": topic, "count": count, "size": size}
        )
        response.raise_for_status()


def new_topic() -> str:
    return f"test:{uuid.uuid4().hex[:12]}"


async def test_ping_pong(server: LiveServer) -> None:
    async with connect(server) as ws:
        pong = await ask(ws, {"type": "ping"})

    assert pong["type"] == "pong"
    assert pong["server_time"].endswith("Z")


@pytest.mark.parametrize(
    "frame",
    ["{oops", "[]", "42", '{"no": "type"}', '{"type": "warp"}', "y" * 70_000],
)
async def test_malformed_frames_keep_the_connection_open(server: LiveServer, frame: str) -> None:
    async with connect(server) as ws:
        error = await ask(ws, frame)
        pong = await ask(ws, {"type": "ping"})

    assert error["type"] == "error"
    assert error["code"] == "bad_request"
    assert pong["type"] == "pong"


async def test_an_unknown_topic_is_not_found(server: LiveServer) -> None:
    async with connect(server) as ws:
        error = await ask(ws, {"type": "subscribe", "topic": "no:such:topic"})

    assert error["code"] == "not_found"


@pytest.mark.parametrize("origin", ["http://evil.example", None])
async def test_a_foreign_or_missing_origin_is_refused(
    server: LiveServer, origin: str | None
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with connect(server, origin=origin):
            pass

    assert refused.value.response.status_code == 403


async def test_frames_arrive_numbered_without_gaps(server: LiveServer) -> None:
    topic = new_topic()
    async with connect(server) as ws:
        subscribed = await ask(ws, {"type": "subscribe", "topic": topic})
        await publish(server, topic, 200)
        frames = [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(200)]

    assert [f["seq"] for f in frames] == list(range(subscribed["seq"] + 1, subscribed["seq"] + 201))
    assert [f["data"]["n"] for f in frames] == list(range(1, 201))


async def test_a_reconnecting_client_recovers_with_since(server: LiveServer) -> None:
    topic = new_topic()
    async with connect(server) as ws:
        subscribed = await ask(ws, {"type": "subscribe", "topic": topic})
        await publish(server, topic, 3)
        last = [json.loads(await ws.recv()) for _ in range(3)][-1]

    await publish(server, topic, 4)  # missed while disconnected

    async with connect(server) as ws:
        resumed = await ask(
            ws,
            {
                "type": "subscribe",
                "topic": topic,
                "since": {"epoch": subscribed["epoch"], "seq": last["seq"]},
            },
        )
        replayed = [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(4)]

    assert resumed["recovered"] is True
    assert [f["seq"] for f in replayed] == [last["seq"] + n for n in range(1, 5)]


async def test_a_client_that_stops_reading_is_closed_with_4008(server: LiveServer) -> None:
    # A small receive window, and a client library that stops reading after 4 frames.
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", server.port))
    sock.setblocking(False)
    topic = new_topic()
    async with connect(server, sock=sock, max_queue=4, max_size=None, close_timeout=1) as ws:
        await ask(ws, {"type": "subscribe", "topic": topic})
        # 1,200 frames of 16 kB: far more than the socket buffers and the 512-frame outbox.
        await publish(server, topic, 1200, size=16_000)
        await asyncio.sleep(1.0)

        received = 0

        async def read_until_closed() -> None:
            nonlocal received
            while True:
                await asyncio.wait_for(ws.recv(), 10)
                received += 1

        with pytest.raises(ConnectionClosed) as closed:
            await read_until_closed()

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4008
    assert 0 < received < 1200


async def test_a_slow_client_does_not_hold_up_the_others(server: LiveServer) -> None:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", server.port))
    sock.setblocking(False)
    topic = new_topic()
    async with (
        connect(server, sock=sock, max_queue=4, max_size=None, close_timeout=1) as slow,
        connect(server, max_size=None) as fast,
    ):
        await ask(slow, {"type": "subscribe", "topic": topic})
        subscribed = await ask(fast, {"type": "subscribe", "topic": topic})

        async def read_all() -> list[dict[str, Any]]:
            return [json.loads(await asyncio.wait_for(fast.recv(), 10)) for _ in range(800)]

        # The fast client reads while the burst is published, as a fast client does.
        reading = asyncio.ensure_future(read_all())
        await publish(server, topic, 800, size=16_000)
        frames = await reading

    assert frames[-1]["seq"] == subscribed["seq"] + 800


@pytest.mark.redis
def test_two_daphne_processes_share_topics_through_redis(tmp_path: Path) -> None:
    env = embedded_env(tmp_path)
    env["REDIS_URL"] = os.environ["REDIS_URL"]
    topic = new_topic()

    async def scenario(publisher: LiveServer, watcher: LiveServer) -> list[int]:
        async with connect(watcher) as ws:
            subscribed = await ask(ws, {"type": "subscribe", "topic": topic})
            await publish(publisher, topic, 20)
            frames = [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(20)]
        return [f["seq"] - subscribed["seq"] for f in frames]

    app = "tests.support.live_app:application"
    with live_server(env, tmp_path, app=app) as one, live_server(env, tmp_path, app=app) as two:
        assert asyncio.run(scenario(one, two)) == list(range(1, 21))


@pytest.mark.redis
def test_two_processes_publishing_at_once_reach_watchers_on_both_once_in_order(
    tmp_path: Path,
) -> None:
    """Both processes publish the same topic at the same time; three watchers on each. Every
    watcher gets every frame exactly once, seq unbroken, the same texts in the same order;
    Redis carries each frame once per process (one subscription per process, not per
    watcher)."""
    import redis

    env = embedded_env(tmp_path)
    env["REDIS_URL"] = os.environ["REDIS_URL"]
    topic = new_topic()
    per_process = 30

    async def scenario(one: LiveServer, two: LiveServer) -> tuple[list[list[str]], list[int], int]:
        watchers = [await connect(server).__aenter__() for server in (one, two) for _ in range(3)]
        try:
            answers = [await ask(ws, {"type": "subscribe", "topic": topic}) for ws in watchers]
            client = redis.Redis.from_url(os.environ["REDIS_URL"])
            db = client.connection_pool.connection_kwargs.get("db", 0)
            subscribers = client.pubsub_numsub(f"gh:rt:ch:{db}:{topic}")[0][1]
            await asyncio.gather(publish(one, topic, per_process), publish(two, topic, per_process))
            texts = [
                [await asyncio.wait_for(ws.recv(), 5) for _ in range(2 * per_process)]
                for ws in watchers
            ]
            for ws in watchers:
                with pytest.raises(TimeoutError):  # nothing more: no frame came twice
                    await asyncio.wait_for(ws.recv(), 0.3)
        finally:
            for ws in watchers:
                await ws.close()
        starts = [answer["seq"] for answer in answers]
        return texts, starts, subscribers

    app = "tests.support.live_app:application"
    with live_server(env, tmp_path, app=app) as one, live_server(env, tmp_path, app=app) as two:
        texts, starts, subscribers = asyncio.run(scenario(one, two))

    assert subscribers == 2
    assert len(set(starts)) == 1
    for received in texts:
        assert received == texts[0]  # the same bytes, in the same order, on both processes
        frames = [json.loads(text) for text in received]
        assert [f["seq"] for f in frames] == [starts[0] + n for n in range(1, 2 * per_process + 1)]
        assert sorted(f["data"]["n"] for f in frames) == sorted([*range(1, per_process + 1)] * 2)
