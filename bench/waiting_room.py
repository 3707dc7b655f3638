"""The waiting room under load: N queued websocket clients across the stack's web processes.

One event's room is on; N accounts each hold a place in line (inserted in bulk, ranks 1..N).
Each client opens a websocket through nginx (``bench/stack.py``: nginx + WEB_PROCESSES
servers, production-shaped), signs in with its own access token and subscribes to its
``queue:{slug}:{token}``. Then the admission job runs every second for ``--seconds`` (in this
process, as celery beat would run it: ``admission_tick``) at ``--rate`` per minute. Printed:
the clients connected, the longest gap each still-waiting client saw between two
``queue.position`` frames (p50/p99/max, and how many went past 5 s: the contract says at
least every 5 s), the admitted clients that got their pass, the tick's own time, and the
servers' CPU and memory.

Run: .venv/bin/python bench/waiting_room.py [--clients 20000] [--seconds 20] [--rate 600]
(local PostgreSQL and Redis; connecting 20,000 clients takes minutes on a small machine)
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import secrets
import statistics
import threading
import time
from datetime import timedelta
from typing import Any

import websockets
from common import percentile, setup_django
from fanout import rss_mb
from stack import running_stack

CONNECT_BATCH = 50
PROMISED_GAP = 5.0  # seconds: docs/waiting-room.md


class Client:
    def __init__(self, url: str, origin: str, access: str, topic: str) -> None:
        self.url, self.origin, self.access, self.topic = url, origin, access, topic
        self.ready = asyncio.Event()
        self.positions: list[float] = []
        self.admitted_at: float | None = None
        self.failed: str | None = None

    async def run(self, stop: asyncio.Event) -> None:
        try:
            async with websockets.connect(
                self.url, origin=self.origin, open_timeout=120, ping_interval=None, max_size=None
            ) as ws:
                await ws.send(json.dumps({"type": "auth", "token": self.access}))
                await ws.send(json.dumps({"type": "subscribe", "topic": self.topic}))
                reader = asyncio.ensure_future(self._read(ws))
                await stop.wait()
                reader.cancel()
        except Exception as error:  # counted and printed
            self.failed = type(error).__name__
            self.ready.set()

    async def _read(self, ws: Any) -> None:
        try:
            await self._frames(ws)
        finally:
            if not self.ready.is_set():
                self.failed = f"closed {ws.close_code}"
                self.ready.set()

    async def _frames(self, ws: Any) -> None:
        async for raw in ws:
            frame = json.loads(raw)
            now = time.monotonic()
            if frame.get("type") == "subscribed":
                self.positions.append(now)
                self.ready.set()
            elif frame.get("type") == "error":
                self.failed = frame.get("code", "error")
                self.ready.set()
            elif frame.get("kind") == "queue.position":
                self.positions.append(now)
            elif frame.get("kind") == "queue.admitted":
                self.admitted_at = now


def make_line(clients: int, rate: int) -> tuple[str, list[tuple[str, str]]]:
    """A room on with ``clients`` places; (slug, [(access token, topic)])."""
    from django.utils import timezone

    from backend.accounts.models import User
    from backend.accounts.services.sessions import session_start
    from backend.inventory.models import Event, QueueEntry, Venue, WaitingRoom

    WaitingRoom.objects.filter(event__slug__startswith="bench-queue-").update(active=False)
    slug = f"bench-queue-{secrets.token_hex(3)}"
    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    event = Event.objects.create(
        slug=slug,
        name=slug,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=6),
        status=Event.Status.ON_SALE,
    )
    room = WaitingRoom.objects.create(
        event=event,
        mode="on",
        active=True,
        opened=True,
        admission_per_minute=rate,
        next_rank=clients + 1,
    )
    users = []
    for i in range(clients):
        phone = f"+96655{i:07d}"
        users.append(User.objects.get_or_create(phone=phone)[0])
    now = timezone.now()
    entries = QueueEntry.objects.bulk_create(
        QueueEntry(
            room=room,
            user=user,
            token=secrets.token_urlsafe(16),
            rank=i + 1,
            joined_at=now,
            seen_at=now,
        )
        for i, user in enumerate(users)
    )
    tokens = [session_start(user=user, method="otp").access for user in users]
    return slug, [
        (access, f"queue:{slug}:{entry.token}")
        for access, entry in zip(tokens, entries, strict=True)
    ]


def ticking(stop: threading.Event, durations: list[float]) -> None:
    from django.db import close_old_connections

    from backend.inventory.services.waiting_room import admission_tick
    from backend.realtime.dispatcher import dispatcher

    while not stop.is_set():
        started = time.monotonic()
        admission_tick()
        dispatcher.drain(timeout=30)
        durations.append(time.monotonic() - started)
        close_old_connections()
        stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=int, default=600, help="admissions per minute")
    parser.add_argument("--processes", type=int, default=None, help="web processes")
    args = parser.parse_args()
    setup_django()
    print(f"making {args.clients} places in line ...", flush=True)
    slug, places = make_line(args.clients, args.rate)

    with running_stack(processes=args.processes) as stack:

        async def scenario() -> tuple[list[Client], float, float, list[float]]:
            clients = [Client(stack.ws_url, stack.origin, a, t) for a, t in places]
            stop = asyncio.Event()
            tasks = []
            started = time.monotonic()
            for first in range(0, len(clients), CONNECT_BATCH):
                batch = clients[first : first + CONNECT_BATCH]
                tasks += [asyncio.ensure_future(c.run(stop)) for c in batch]
                await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in batch)), 120)
                if first % 1000 == 0:
                    print(f"  {first + len(batch)} connected", flush=True)
            connected = time.monotonic() - started
            memory = [rss_mb(pid) for pid in stack.web_pids()]
            cpu_before = stack.cpu()
            durations: list[float] = []
            halt = threading.Event()
            ticker = threading.Thread(target=ticking, args=(halt, durations), daemon=True)
            began = time.monotonic()
            ticker.start()
            await asyncio.sleep(args.seconds)
            halt.set()
            await asyncio.get_running_loop().run_in_executor(None, ticker.join, 60)
            ended = time.monotonic()
            used = stack.cpu() - cpu_before
            print(
                f"servers: {used.web:.1f} s web CPU, {used.nginx:.1f} s nginx CPU over "
                f"{ended - began:.0f} s; web RSS {', '.join(f'{m:.0f} MB' for m in memory)} "
                f"with every client connected"
            )
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            return clients, connected, began, durations

        clients, connected, began, durations = asyncio.run(scenario())

    failed = [c for c in clients if c.failed]
    waiting = [c for c in clients if c.admitted_at is None and not c.failed]
    gaps = []
    for client in waiting:
        seen = [t for t in client.positions if t >= began]
        marks = [began, *seen, began + args.seconds]
        gaps.append(max(b - a for a, b in itertools.pairwise(marks)))
    admitted = sum(1 for c in clients if c.admitted_at is not None)
    print(
        f"{args.clients} clients on {stack.processes} web processes through nginx, slug {slug}: "
        f"connected and subscribed in {connected:.0f} s, {len(failed)} failed"
        + (f" ({sorted({c.failed for c in failed})})" if failed else "")
    )
    if gaps:
        late = sum(1 for gap in gaps if gap > PROMISED_GAP)
        print(
            f"longest gap between position frames per waiting client over {args.seconds:.0f} s: "
            f"p50 {statistics.median(gaps):.1f} s, p99 {percentile(gaps, 99):.1f} s, "
            f"max {max(gaps):.1f} s; {late} of {len(gaps)} went past {PROMISED_GAP:.0f} s"
        )
    print(
        f"admitted with a pass frame: {admitted} (rate {args.rate}/min); "
        f"tick + dispatch: p50 {statistics.median(durations) * 1000:.0f} ms, "
        f"max {max(durations) * 1000:.0f} ms over {len(durations)} ticks"
    )


if __name__ == "__main__":
    main()
