"""Several web nodes (separate ``backend.serve`` processes) behind one real nginx, on
PostgreSQL and Redis: a change committed through one node reaches watchers on another with
``seq`` unbroken; the channel layer sharded over two Redis servers; a node told to stop
drains (1012 to its websockets, requests in flight finished, readiness 503); a node killed
outright under load loses no frame for its clients, who reconnect through nginx and recover
with ``since``. Each test ends by comparing with the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import websockets
from django.conf import settings
from django.db.models import Sum

from tests.accounts.helpers import sign_in
from tests.conftest import database_url_of_tests
from tests.deploy.test_web_processes import established_on
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.nginx import nginx_over
from tests.support.nodes import (
    kill_node,
    node_env,
    private_redis_servers,
    stop_node,
    web_nodes,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL)")
    return node_env(
        os.environ,
        database_url=database_url_of_tests(),
        var_dir=tmp_path,
        secret_key=settings.SECRET_KEY,
    )


def fest(slug: str, units: int = 1000) -> Any:
    event = EventFactory(slug=slug, max_live_holds_per_user=100)
    return SlotFactory(resource=ResourceFactory(event=event, units=units))


def ws_of(url: str) -> str:
    return url.replace("http://", "ws://") + "/ws/"


class Watcher:
    """A websocket client watching one slot's availability, as the web app does: it checks
    ``seq`` on every frame, and after a drop reconnects (to ``reconnect_url``: nginx) and
    subscribes again with ``since``. Every frame either continues the sequence by one, or
    comes after a ``subscribed`` that resets it (a recovery or a fresh snapshot)."""

    def __init__(self, url: str, topic: str, slot_id: int, reconnect_url: str | None = None):
        self.url, self.topic, self.slot_id = url, topic, slot_id
        self.reconnect_url = reconnect_url
        self.epoch: str | None = None
        self.seq = 0
        self.first_seq: int | None = None
        self.frames: list[int] = []
        self.gaps: list[tuple[int, int]] = []
        self.version = -1
        self.available: int | None = None
        self.close_codes: list[int | None] = []
        self.recovered: list[bool] = []
        self.subscribed = asyncio.Event()
        self.stop = asyncio.Event()

    async def run(self) -> None:
        url = self.url
        while not self.stop.is_set():
            try:
                async with websockets.connect(
                    ws_of(url), origin=url, open_timeout=10, ping_interval=None
                ) as ws:
                    await self._session(ws)
                if self.stop.is_set():
                    return
                self.close_codes.append(ws.close_code)  # closed cleanly, yet not by us
            except websockets.ConnectionClosed as closed:
                self.close_codes.append(closed.rcvd.code if closed.rcvd else None)
            except (OSError, TimeoutError, websockets.InvalidHandshake):
                self.close_codes.append(None)  # no node answered: try again
                await asyncio.sleep(0.05)
            if self.reconnect_url is None:
                return
            url = self.reconnect_url

    async def _session(self, ws: Any) -> None:
        frame: dict[str, Any] = {"type": "subscribe", "topic": self.topic}
        if self.epoch is not None:
            frame["since"] = {"epoch": self.epoch, "seq": self.seq}
        await ws.send(json.dumps(frame))
        reader = asyncio.ensure_future(self._read(ws))
        stopper = asyncio.ensure_future(self.stop.wait())
        done, _ = await asyncio.wait({reader, stopper}, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        if reader in done:
            reader.result()  # raises ConnectionClosed when the node went away
        else:
            reader.cancel()

    async def _read(self, ws: Any) -> None:
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "subscribed":
                self.recovered.append(bool(frame.get("recovered")))
                self.epoch, self.seq = frame["epoch"], frame["seq"]
                if self.first_seq is None:
                    self.first_seq = frame["seq"]
                for slot in (frame.get("snapshot") or {}).get("slots", []):
                    self._see(slot)
                self.subscribed.set()
            elif frame["type"] == "event":
                if frame["epoch"] != self.epoch or frame["seq"] != self.seq + 1:
                    self.gaps.append((self.seq, frame["seq"]))
                self.epoch, self.seq = frame["epoch"], frame["seq"]
                self.frames.append(frame["seq"])
                for slot in frame["data"].get("slots", []):
                    self._see(slot)

    def _see(self, slot: dict[str, Any]) -> None:
        if slot["id"] == self.slot_id and slot["version"] >= self.version:
            self.version, self.available = slot["version"], slot["available"]


async def make_holds(url: str, slug: str, slot_id: int, tokens: list[str]) -> list[int]:
    body = {"event": slug, "items": [{"slot": slot_id, "quantity": 1}]}
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        answers = await asyncio.gather(
            *(
                client.post("/api/holds/", json=body, headers={"Authorization": f"Bearer {t}"})
                for t in tokens
            )
        )
    return [answer.status_code for answer in answers]


async def until(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.05)
    return bool(check())


async def served_availability(url: str, slug: str, slot_id: int) -> int:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        answer = await client.get(f"/api/events/{slug}/availability/")
    answer.raise_for_status()
    [slot] = [s for s in answer.json()["slots"] if s["id"] == slot_id]
    return int(slot["available"])


def truth(slot: Any) -> tuple[int, int, int]:
    """(available by the counters, held by the counters, held by the hold rows)."""
    from backend.inventory.models import HoldItem

    slot.refresh_from_db()
    rows = (
        HoldItem.objects.filter(slot=slot, hold__status="active").aggregate(n=Sum("quantity"))["n"]
        or 0
    )
    return slot.capacity - slot.held - slot.sold, slot.held, rows


def test_a_hold_through_node_a_reaches_watchers_on_node_b(
    env: dict[str, str], tmp_path: Path
) -> None:
    slot = fest("nodes-fest")
    topic = "event:nodes-fest:availability"
    tokens = [sign_in(UserFactory()).access for _ in range(30)]

    with (
        web_nodes(2, env, tmp_path) as (node_a, node_b),
        nginx_over([node_a.port, node_b.port]) as proxy,
    ):
        held_by_b: list[int] = []

        async def scenario() -> tuple[list[Watcher], list[int]]:
            # On B directly, and four through nginx (least_conn spreads them over A and B).
            watchers = [Watcher(node_b.url, topic, slot.pk) for _ in range(2)]
            watchers += [Watcher(proxy, topic, slot.pk) for _ in range(4)]
            tasks = [asyncio.ensure_future(w.run()) for w in watchers]
            await asyncio.wait_for(asyncio.gather(*(w.subscribed.wait() for w in watchers)), 15)
            statuses = []
            for batch in range(3):  # three bursts through node A alone
                statuses += await make_holds(
                    node_a.url, "nodes-fest", slot.pk, tokens[batch * 10 : batch * 10 + 10]
                )
                await asyncio.sleep(0.3)
            held_by_b.append(established_on(node_b.process.pid, node_b.port))
            await until(lambda: all(w.available == 970 for w in watchers), 10)
            await asyncio.sleep(0.5)  # anything late would show as a gap
            for watcher in watchers:
                watcher.stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks), 10)
            return watchers, statuses

        watchers, statuses = asyncio.run(scenario())

    assert statuses == [201] * 30
    # B's own port held its two direct watchers and some of nginx's (least_conn: two of four).
    assert held_by_b[0] >= 3, held_by_b
    for watcher in watchers:
        assert watcher.gaps == [], watcher.gaps
        assert watcher.frames, "no frame reached a watcher"
        assert watcher.frames == list(
            range(watcher.first_seq + 1, watcher.first_seq + 1 + len(watcher.frames))
        )
        assert watcher.available == 970
    available, held, rows = truth(slot)
    assert (available, held, rows) == (970, 30, 30)


def test_the_channel_layer_sharded_over_two_redis_servers(
    env: dict[str, str], tmp_path: Path
) -> None:
    """CHANNEL_REDIS_URLS names two private redis-servers: the identity groups of several
    sessions spread over both, and a logout through node A reaches each session's websocket
    on node B (auth_revoked), whichever server its group hashed to. Topic frames, on
    REDIS_URL, still cross nodes."""
    slot = fest("shard-fest")
    users = [UserFactory() for _ in range(6)]
    pairs = [sign_in(user) for user in users]
    holder = sign_in(UserFactory()).access

    with private_redis_servers(2, tmp_path) as shards:
        sharded = {**env, "CHANNEL_REDIS_URLS": ",".join(shards)}
        with web_nodes(2, sharded, tmp_path) as (node_a, node_b):

            async def scenario() -> tuple[list[dict[str, Any]], list[int], Watcher, int]:
                sockets = []
                for pair in pairs:
                    ws = await websockets.connect(
                        ws_of(node_b.url), origin=node_b.url, open_timeout=10
                    )
                    await ws.send(json.dumps({"type": "auth", "token": pair.access}))
                    answer = json.loads(await asyncio.wait_for(ws.recv(), 10))
                    assert answer["type"] == "auth.ok", answer
                    sockets.append(ws)
                # Each shard holds some of the identity groups' subscriptions.
                per_shard = [
                    len(redis.Redis.from_url(url).pubsub_channels("gh-asgi*")) for url in shards
                ]
                watcher = Watcher(node_b.url, "event:shard-fest:availability", slot.pk)
                task = asyncio.ensure_future(watcher.run())
                await asyncio.wait_for(watcher.subscribed.wait(), 10)
                async with httpx.AsyncClient(base_url=node_a.url, timeout=30) as client:
                    for pair in pairs:
                        answer = await client.post(
                            "/api/auth/logout/",
                            json={"refresh": pair.refresh},
                            headers={"Authorization": f"Bearer {pair.access}"},
                        )
                        assert answer.status_code == 200, answer.text
                heard = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for ws in sockets]
                statuses = await make_holds(node_a.url, "shard-fest", slot.pk, [holder])
                await until(lambda: watcher.available == 999, 10)
                watcher.stop.set()
                await asyncio.wait_for(task, 10)
                for ws in sockets:
                    await ws.close()
                return heard, per_shard, watcher, statuses[0]

            heard, per_shard, watcher, status = asyncio.run(scenario())

    assert [frame.get("code") for frame in heard] == ["auth_revoked"] * len(pairs), heard
    assert all(count >= 1 for count in per_shard), per_shard
    assert status == 201
    assert watcher.available == 999
    assert watcher.gaps == []
    assert truth(slot) == (999, 1, 1)


@pytest.mark.parametrize("server", ["daphne", "uvicorn"])
def test_a_node_told_to_stop_drains(env: dict[str, str], tmp_path: Path, server: str) -> None:
    """SIGTERM: the websockets are closed with 1012 at once, a new connection is refused
    while a slow request is still in flight, that request completes, and the process exits
    within the bound."""
    drain_env = {**env, "WEB_SHUTDOWN_SECONDS": "8"}
    app = "tests.support.slow_app:application"
    with web_nodes(1, drain_env, tmp_path, app=app, server=server) as (node,):

        async def scenario() -> tuple[int, dict[str, Any], int | None, bool, bool, float]:
            async with httpx.AsyncClient(base_url=node.url, timeout=30) as client:
                assert (await client.get("/api/health/ready/")).status_code == 200
                ws = await websockets.connect(ws_of(node.url), origin=node.url, open_timeout=10)
                slow = asyncio.ensure_future(client.get("/__test__/slow?seconds=3"))
                await asyncio.sleep(0.5)  # the slow request is in flight
                stopped_at = time.monotonic()
                stop_node(node)
                with contextlib.suppress(websockets.ConnectionClosed):
                    await asyncio.wait_for(ws.recv(), 5)
                code = ws.close_code
                await asyncio.sleep(0.2)
                in_flight = not slow.done()
                refused = False
                try:
                    async with httpx.AsyncClient(timeout=2) as newcomer:
                        await newcomer.get(f"{node.url}/api/health/live/")
                except httpx.TransportError:
                    refused = True
                answer = await slow
                await asyncio.get_running_loop().run_in_executor(None, node.process.wait, 15)
                return (
                    answer.status_code,
                    answer.json(),
                    code,
                    in_flight,
                    refused,
                    time.monotonic() - stopped_at,
                )

        status, body, code, in_flight, refused, took = asyncio.run(scenario())
        exit_code = node.process.returncode

    assert code == 1012
    assert in_flight, "the slow request was over before the new connection was tried"
    assert refused
    assert (status, body) == (200, {"ok": True, "slow": True})
    assert took < 8 + 2
    assert exit_code is not None


def test_readiness_turns_503_on_a_kept_open_connection(env: dict[str, str], tmp_path: Path) -> None:
    """While a stopping daphne node finishes a slow request, a request on another connection
    that was already open (a balancer's kept-alive one) hears readiness 503 shutting_down,
    with ``Connection: close``. (uvicorn closes idle connections at once instead.)"""
    with web_nodes(1, env, tmp_path, app="tests.support.slow_app:application") as (node,):

        async def scenario() -> tuple[int, dict[str, Any], str, int]:
            async with (
                httpx.AsyncClient(base_url=node.url, timeout=30) as busy,
                httpx.AsyncClient(base_url=node.url, timeout=30) as probe,
            ):
                assert (await probe.get("/api/health/ready/")).status_code == 200
                slow = asyncio.ensure_future(busy.get("/__test__/slow?seconds=3"))
                await asyncio.sleep(0.5)
                stop_node(node)
                await asyncio.sleep(0.3)
                ready = await probe.get("/api/health/ready/")
                connection = ready.headers.get("connection", "")
                return ready.status_code, ready.json(), connection, (await slow).status_code

        ready_status, ready_body, connection, slow_status = asyncio.run(scenario())

    assert ready_status == 503
    assert ready_body["error"]["code"] == "shutting_down"
    assert connection.lower() == "close"
    assert slow_status == 200


@pytest.mark.parametrize("server", ["daphne", "uvicorn"])
def test_kill_9_one_node_under_load(env: dict[str, str], tmp_path: Path, server: str) -> None:
    """Two nodes behind nginx, watchers spread over both through nginx, holds being made
    through nginx; node B is killed outright. Its watchers reconnect through nginx to A and
    recover with ``since``: each frame continues the sequence or follows a `subscribed`; all
    end on the database's numbers, and the counters match the hold rows."""
    slot = fest("kill-fest")
    topic = "event:kill-fest:availability"
    tokens = [sign_in(UserFactory()).access for _ in range(80)]

    with (
        web_nodes(2, env, tmp_path, server=server) as (node_a, node_b),
        nginx_over([node_a.port, node_b.port]) as proxy,
    ):

        async def scenario() -> tuple[list[Watcher], list[int], int]:
            watchers = [Watcher(proxy, topic, slot.pk, reconnect_url=proxy) for _ in range(20)]
            tasks = [asyncio.ensure_future(w.run()) for w in watchers]
            await asyncio.wait_for(asyncio.gather(*(w.subscribed.wait() for w in watchers)), 15)
            statuses: list[int] = []

            async def load() -> None:
                for start in range(0, len(tokens), 5):  # ~3 s of holds, 5 at a time
                    statuses.extend(
                        await make_holds(proxy, "kill-fest", slot.pk, tokens[start : start + 5])
                    )
                    await asyncio.sleep(random.uniform(0.1, 0.25))

            loader = asyncio.ensure_future(load())
            await asyncio.sleep(1.0)
            kill_node(node_b)
            await asyncio.wait_for(loader, 30)
            await asyncio.sleep(0.5)  # the last coalescing window
            expected = await served_availability(node_a.url, "kill-fest", slot.pk)
            await until(lambda: all(w.available == expected for w in watchers), 15)
            await asyncio.sleep(0.5)
            for watcher in watchers:
                watcher.stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 10)
            return watchers, statuses, expected

        watchers, statuses, served = asyncio.run(scenario())

    made = statuses.count(201)
    dropped = [w for w in watchers if w.close_codes]
    assert dropped, "no watcher was on the killed node"
    assert len(dropped) < len(watchers), "every watcher was on the killed node"
    # A hold sent to B as it died may answer 502 (nginx does not resend a POST it already
    # sent); it either committed or not, the database says which. A loaded database may
    # answer 503 "busy, try again" (nothing made).
    counted = Counter(statuses)
    assert set(counted) <= {201, 502, 503}, counted
    assert made >= len(tokens) // 2, counted
    available, held, rows = truth(slot)
    assert held == rows
    assert made <= held <= made + statuses.count(502)
    assert available == served == 1000 - held
    for watcher in watchers:
        assert watcher.gaps == [], watcher.gaps
        assert watcher.available == available
    # The dropped ones came back with since: a recovery or, if the history did not reach,
    # a snapshot (each resets the sequence on its `subscribed`).
    for watcher in dropped:
        assert len(watcher.recovered) >= 2


def test_a_supervisor_told_to_stop_drains_every_server(env: dict[str, str], tmp_path: Path) -> None:
    """``backend.serve --processes 2`` (the Procfile's web) told SIGTERM passes it on: each
    server closes its websocket with 1012, and the supervisor exits cleanly within
    WEB_SHUTDOWN_SECONDS + 5 s."""
    from tests.deploy.test_web_processes import consecutive_free_ports
    from tests.support.live import live_server

    port = consecutive_free_ports()
    drain_env = {**env, "WEB_SHUTDOWN_SECONDS": "5"}
    argv = ("--processes", "2", "--server", "daphne")
    with live_server(drain_env, tmp_path, argv=argv, port=port, timeout=60) as supervisor:

        async def scenario() -> tuple[list[int | None], float]:
            second = f"http://127.0.0.1:{port + 1}"
            await until(lambda: _answers(f"{second}/api/health/live/"), 60)
            sockets = [
                await websockets.connect(ws_of(url), origin=url, open_timeout=10)
                for url in (supervisor.url, second)
            ]
            stopped_at = time.monotonic()
            os.kill(supervisor.process.pid, signal.SIGTERM)  # the supervisor alone
            for ws in sockets:
                with contextlib.suppress(websockets.ConnectionClosed):
                    await asyncio.wait_for(ws.recv(), 10)
            await asyncio.get_running_loop().run_in_executor(None, supervisor.process.wait, 15)
            return [ws.close_code for ws in sockets], time.monotonic() - stopped_at

        codes, took = asyncio.run(scenario())
        exit_code = supervisor.process.returncode

    assert codes == [1012, 1012]
    assert exit_code == 0
    assert took < 5 + 5


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False
