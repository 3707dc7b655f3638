"""Fan-out of live availability to many websocket watchers, on PostgreSQL and Redis.

For each layout (one daphne with 1,000 watchers, two daphne processes with 500 each): the
watchers subscribe to one event's availability, then other clients make a burst of 500 holds
over HTTP (spread over the processes). Printed: the time from the last hold's answer until
each watcher has seen the final availability (p50/p99/max), frames per watcher, lost updates
(watchers that never saw the final numbers: must be 0), deliveries per second per process,
server RSS and memory per connection; then a table of the issue's rows, figure beside goal.

Topic frames go through each process's hub (``backend.realtime.hub``: one Redis subscription
per process and topic), not the channel layer; the layer (``CHANNELS_REDIS_LAYER``, pubsub by
default, ``core`` when named on the command line) only carries identity messages now. A
baseline runs first: the bare stack (a consumer that only forwards channel-layer group
messages, no app logic) delivering one message to 1,000 watchers on one daphne, which is what
every topic frame cost before the hub.

Nodes mode (issue 20): ``bench/fanout.py nodes`` runs 2 and then 3 nodes (separate
``backend.serve`` processes, ``tests/support/nodes.py``) behind the real nginx; the 1,000
watchers and the holds all go through nginx (least_conn spreads the watchers). Printed as
above, plus each node's share of the websockets (its established sockets, from /proc).

Run: .venv/bin/python bench/fanout.py [pubsub|core|nodes]   (local PostgreSQL and Redis; minutes)
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

import websockets
from common import ROOT, percentile, setup_django
from loadclient import HttpConnection

WATCHERS = 1000
HOLDS = 500
# Issue 19's goals for the last watcher's p99 (ms), by number of daphne processes.
GOALS_MS = {1: 350, 2: 450}
# Issue 20's goal through nginx, whatever the number of nodes.
NODES_GOAL_MS = 450
RESULTS: list[tuple[str, str, str]] = []
CONNECT_BATCH = 100
VAR = Path("/tmp/gatehouse-bench")
# Servers run as in production (DEBUG off), on plain HTTP on 127.0.0.1.
PRODUCTION_LIKE = {
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
}


class Watcher:
    """One websocket client watching the availability of one slot."""

    def __init__(self, url: str, origin: str, topic: str, slot_id: int, final: int) -> None:
        self.url, self.origin, self.topic = url, origin, topic
        self.slot_id, self.final = slot_id, final
        self.frames = 0
        self.version = -1
        self.available: int | None = None
        self.reached: float | None = None
        self.subscribed = asyncio.Event()
        self.arrivals: list[float] = []

    async def run(self, stop: asyncio.Event) -> None:
        async with websockets.connect(
            self.url, origin=self.origin, open_timeout=60, ping_interval=None, max_size=None
        ) as ws:
            await ws.send(json.dumps({"type": "subscribe", "topic": self.topic}))
            self.subscribed.set()
            reader = asyncio.ensure_future(self._read(ws))
            await stop.wait()
            reader.cancel()

    async def _read(self, ws: Any) -> None:
        async for raw in ws:
            now = time.monotonic()
            frame = json.loads(raw)
            if frame.get("type") == "subscribed":
                for slot in frame["snapshot"].get("slots", []):
                    self._see(slot, now, counted=False)
                continue
            if frame.get("type") != "event":
                continue
            self.frames += 1
            self.arrivals.append(now)
            for slot in frame["data"].get("slots", []):
                self._see(slot, now)

    def _see(self, slot: dict[str, Any], now: float, counted: bool = True) -> None:
        if slot["id"] != self.slot_id or slot["version"] < self.version:
            return
        self.version, self.available = slot["version"], slot["available"]
        if counted and self.available == self.final and self.reached is None:
            self.reached = now


async def connect_all(watchers: list[Watcher], stop: asyncio.Event) -> list[asyncio.Task[None]]:
    tasks = []
    for start in range(0, len(watchers), CONNECT_BATCH):
        batch = watchers[start : start + CONNECT_BATCH]
        tasks += [asyncio.ensure_future(w.run(stop)) for w in batch]
        await asyncio.wait_for(asyncio.gather(*(w.subscribed.wait() for w in batch)), 60)
    await asyncio.sleep(1.0)  # let every snapshot arrive
    return tasks


async def burst(
    ports: list[int], tokens: list[str], event: str, slot_id: int
) -> tuple[float, float]:
    """500 holds from other clients at once; returns when the first was sent and when the
    last answer arrived."""
    connections = [
        await HttpConnection(
            "127.0.0.1", ports[n % len(ports)], {"Authorization": f"Bearer {t}"}
        ).open()
        for n, t in enumerate(tokens)
    ]
    body = {"event": event, "items": [{"slot": slot_id, "quantity": 1}]}
    retried = 0

    async def hold(connection: HttpConnection) -> int:
        """One hold; a 503 ("the database is busy; try again") is tried again, as a client
        would, so the burst still ends with HOLDS holds and the final availability known."""
        nonlocal retried
        while True:
            status, _ = await connection.request("POST", "/api/holds/", body)
            if status != 503:
                return status
            retried += 1
            await asyncio.sleep(0.05)

    first = time.monotonic()
    statuses = await asyncio.gather(*(hold(c) for c in connections))
    last = time.monotonic()
    for connection in connections:
        await connection.close()
    assert all(status == 201 for status in statuses), set(statuses)
    if retried:
        print(f"    ({retried} holds answered 503 busy and were tried again)")
    return first, last


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def make_event(slug: str) -> tuple[Any, Any]:
    from django.utils import timezone

    from backend.inventory.models import Event, Hold, Resource, Slot, Venue

    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    Hold.objects.filter(event__slug=slug).delete()
    Event.objects.filter(slug=slug).delete()
    event = Event.objects.create(
        slug=slug,
        name=slug,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=6),
        status=Event.Status.ON_SALE,
        max_live_holds_per_user=30_000,
    )
    resource = Resource.objects.create(event=event, kind="ticket", name="GA", units=10_000)
    slot = Slot.objects.create(
        resource=resource, starts_at=event.starts_at, ends_at=event.ends_at, capacity=10_000
    )
    return event, slot


def holder_tokens() -> list[str]:
    from backend.accounts.models import User
    from backend.accounts.services.sessions import session_start

    users = [
        User.objects.get_or_create(phone=f"+96650{8_000_000 + i:07d}")[0] for i in range(HOLDS)
    ]
    return [session_start(user=u, method="otp").access for u in users]


def server_env(layer: str, app: str | None = None) -> dict[str, str]:
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        **PRODUCTION_LIKE,
        "CHANNELS_REDIS_LAYER": layer,
        "GATEHOUSE_VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
        "REALTIME_FRAMES_PER_SECOND": "1000",
        "REALTIME_FRAME_BURST": "1000",
    }


def run_layout(layer: str, processes: int) -> None:
    from tests.support.live import live_server

    event, slot = make_event(f"bench-fanout-{layer}-{processes}")
    tokens = holder_tokens()
    topic = f"event:{event.slug}:availability"
    final = slot.capacity - HOLDS
    with ExitStack() as stack:
        servers = [
            stack.enter_context(live_server(server_env(layer), VAR)) for _ in range(processes)
        ]

        async def scenario() -> tuple[list[Watcher], float, list[float]]:
            watchers = [
                Watcher(
                    servers[n % processes].ws_url,
                    servers[n % processes].origin,
                    topic,
                    slot.pk,
                    final,
                )
                for n in range(WATCHERS)
            ]
            stop = asyncio.Event()
            tasks = await connect_all(watchers, stop)
            memory = [rss_mb(s.process.pid) for s in servers]
            _first, last_hold = await burst([s.port for s in servers], tokens, event.slug, slot.pk)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and any(w.reached is None for w in watchers):
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            return watchers, last_hold, memory

        idle = [rss_mb(s.process.pid) for s in servers]
        watchers, last_hold, memory = asyncio.run(scenario())

    reached = [(w.reached - last_hold) * 1000 for w in watchers if w.reached is not None]
    lost = sum(1 for w in watchers if w.reached is None)
    arrivals = sorted(t for w in watchers for t in w.arrivals)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else float("nan")
    frames = [w.frames for w in watchers]
    print(f"{layer} layer, {processes} daphne, {WATCHERS} watchers, burst of {HOLDS} holds:")
    print(
        f"    final availability seen {statistics.median(reached):.0f} ms p50, "
        f"{percentile(reached, 99):.0f} ms p99, {max(reached):.0f} ms max after the last hold"
    )
    print(
        f"    frames per watcher: mean {statistics.fmean(frames):.1f}, max {max(frames)}; "
        f"lost updates: {lost}"
    )
    per_connection = (sum(memory) - sum(idle)) * 1024 / WATCHERS
    deliveries = len(arrivals) / span / processes
    print(
        f"    {deliveries:,.0f} deliveries/s per process over the burst; "
        f"server RSS {', '.join(f'{m:.0f} MB' for m in memory)} "
        f"({per_connection:.0f} KB per connection over the idle server)"
    )
    p99 = percentile(reached, 99)
    row = f"fan-out, {processes} daphne x {WATCHERS // processes} watchers, {HOLDS} holds"
    RESULTS.append(
        (
            f"{row}, last watcher p99 ({layer} layer)",
            f"{p99:.0f} ms{'' if lost == 0 else f', {lost} LOST'}",
            f"≤ {GOALS_MS[processes]} ms, 0 lost",
        )
    )
    RESULTS.append((f"{row}, deliveries/s per process", f"{deliveries:,.0f}", ""))
    RESULTS.append((f"{row}, memory per connection", f"{per_connection:.0f} KB", ""))


def run_nodes_layout(layer: str, nodes: int) -> None:
    """``nodes`` web nodes behind nginx; watchers and holds through nginx."""
    from tests.deploy.test_web_processes import established_on
    from tests.support.nginx import nginx_over
    from tests.support.nodes import web_nodes

    event, slot = make_event(f"bench-fanout-nodes-{nodes}")
    tokens = holder_tokens()
    topic = f"event:{event.slug}:availability"
    final = slot.capacity - HOLDS
    server = os.environ.get("BENCH_SERVER", "daphne")
    with (
        web_nodes(nodes, server_env(layer), VAR, server=server) as servers,
        nginx_over([s.port for s in servers]) as proxy,
    ):
        proxy_port = int(proxy.rsplit(":", 1)[1])
        ws_url = proxy.replace("http://", "ws://") + "/ws/"

        async def scenario() -> tuple[list[Watcher], float, float, list[float], list[int]]:
            watchers = [Watcher(ws_url, proxy, topic, slot.pk, final) for _ in range(WATCHERS)]
            stop = asyncio.Event()
            tasks = await connect_all(watchers, stop)
            memory = [rss_mb(s.process.pid) for s in servers]
            held = [established_on(s.process.pid, s.port) for s in servers]
            first_hold, last_hold = await burst([proxy_port], tokens, event.slug, slot.pk)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and any(w.reached is None for w in watchers):
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            return watchers, first_hold, last_hold, memory, held

        idle = [rss_mb(s.process.pid) for s in servers]
        watchers, first_hold, last_hold, memory, held = asyncio.run(scenario())

    reached = [(w.reached - last_hold) * 1000 for w in watchers if w.reached is not None]
    lost = sum(1 for w in watchers if w.reached is None)
    arrivals = sorted(t for w in watchers for t in w.arrivals)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else float("nan")
    frames = [w.frames for w in watchers]
    print(
        f"{layer} layer, {nodes} {server} nodes behind nginx, {WATCHERS} watchers and "
        f"{HOLDS} holds through nginx:"
    )
    print(f"    websockets per node (established, /proc): {held}")
    print(
        f"    the burst: {(last_hold - first_hold) * 1000:.0f} ms "
        "from the first hold sent to the last answer"
    )
    if reached:
        print(
            f"    final availability seen {statistics.median(reached):.0f} ms p50, "
            f"{percentile(reached, 99):.0f} ms p99, {max(reached):.0f} ms max after the last hold"
            " (negative: before its answer reached the client)"
        )
    print(
        f"    frames per watcher: mean {statistics.fmean(frames):.1f}, max {max(frames)}; "
        f"lost updates: {lost}"
    )
    # Each node's RSS over its own idle RSS, divided by the websockets it held.
    per_connection = [
        (m - i) * 1024 / max(1, h) for m, i, h in zip(memory, idle, held, strict=True)
    ]
    deliveries = len(arrivals) / span / nodes
    print(
        f"    {deliveries:,.0f} deliveries/s per node over the burst; "
        f"node RSS {', '.join(f'{m:.0f} MB' for m in memory)} "
        f"({', '.join(f'{k:.0f}' for k in per_connection)} KB per connection over idle)"
    )
    p99 = percentile(reached, 99) if reached else float("nan")
    row = f"fan-out through nginx, {nodes} {server} nodes, {WATCHERS} watchers, {HOLDS} holds"
    RESULTS.append(
        (
            f"{row}, last watcher p99",
            f"{p99:.0f} ms{'' if lost == 0 else f', {lost} LOST'}",
            f"≤ {NODES_GOAL_MS} ms, 0 lost",
        )
    )
    RESULTS.append((f"{row}, deliveries/s per node", f"{deliveries:,.0f}", ""))
    RESULTS.append(
        (
            f"{row}, memory per connection",
            f"{statistics.fmean(per_connection):.0f} KB",
            "",
        )
    )


def run_bare_baseline(layer: str) -> None:
    """One group message to 1,000 watchers of a consumer that only forwards."""
    from tests.support.live import live_server

    env = server_env(layer)
    with live_server(env, VAR, app="bare_app:application", argv=()) as server:

        async def scenario() -> list[float]:
            arrivals: list[float] = []
            ready = 0
            stop = asyncio.Event()

            async def watch() -> None:
                nonlocal ready
                async with websockets.connect(
                    f"ws://127.0.0.1:{server.port}/bare/",
                    origin=server.origin,
                    open_timeout=60,
                    ping_interval=None,
                ) as ws:
                    ready += 1
                    await ws.recv()
                    arrivals.append(time.monotonic())
                    await stop.wait()

            tasks = []
            for start in range(0, WATCHERS, CONNECT_BATCH):
                tasks += [asyncio.ensure_future(watch()) for _ in range(CONNECT_BATCH)]
                while ready < start + CONNECT_BATCH:
                    await asyncio.sleep(0.01)
            await asyncio.sleep(1.0)
            connection = await HttpConnection("127.0.0.1", server.port).open()
            sent = time.monotonic()
            await connection.request("POST", "/bare/send", {})
            while len(arrivals) < WATCHERS and time.monotonic() < sent + 15:
                await asyncio.sleep(0.01)
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            return [(t - sent) * 1000 for t in arrivals]

        delays = asyncio.run(scenario())
    print(f"bare stack ({layer} layer, forward-only consumer), one message to {WATCHERS} watchers:")
    print(
        f"    p50 {statistics.median(delays):.0f} ms, p99 {percentile(delays, 99):.0f} ms, "
        f"max {max(delays):.0f} ms; {len(delays) / (max(delays) / 1000):,.0f} deliveries/s"
    )


def main() -> None:
    setup_django()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    VAR.mkdir(exist_ok=True)
    os.environ["PYTHONPATH"] = f"{Path(__file__).parent}:{ROOT}"
    layers = sys.argv[1:] or ["pubsub"]
    if layers == ["nodes"]:
        for nodes in (2, 3):
            run_nodes_layout("pubsub", nodes)
        layers = []
    for layer in layers:
        run_bare_baseline(layer)
        for processes in (1, 2):
            run_layout(layer, processes)
    print()
    print("| row | figure | goal |")
    print("| --- | --- | --- |")
    for row, figure, goal in RESULTS:
        print(f"| {row} | {figure} | {goal} |")


if __name__ == "__main__":
    main()
