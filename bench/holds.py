"""Hold throughput on PostgreSQL and Redis, through one daphne and through the service alone.

(a) contended: 200 clients (each its own user and keep-alive connection) race for a slot of
    capacity 100, all at once, round after round (a fresh slot each round) → requests/s,
    successful holds/s, p50/p99 latency, and the oversold count (must be 0);
(b) uncontended: the same 200 clients take 10,000 different slots → holds/s;
(c) the service alone, no HTTP: hold_create in a loop in this process → holds/s.

Run: .venv/bin/python bench/holds.py   (DATABASE_URL / REDIS_URL default to the local bench
database and Redis db 8; the server is started here on a free port)
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

from common import ROOT, describe_ms, setup_django
from fanout import PRODUCTION_LIKE
from loadclient import HttpConnection as BenchHttp

CLIENTS = 200
CAPACITY = 100
ROUNDS = 15
UNCONTENDED_SLOTS = 10_000
SERVICE_HOLDS = 3_000


def make_event(slug: str) -> object:
    from django.utils import timezone

    from backend.inventory.models import Event, Hold, Venue

    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    Hold.objects.filter(event__slug=slug).delete()  # holds protect their slots
    Event.objects.filter(slug=slug).delete()
    return Event.objects.create(
        slug=slug,
        name=slug,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=6),
        status=Event.Status.ON_SALE,
        max_live_holds_per_user=30_000,
        max_quantity_per_hold=10,
    )


def make_users(n: int) -> tuple[list[object], list[str]]:
    from backend.accounts.models import User
    from backend.accounts.services.sessions import session_start

    users = [User.objects.get_or_create(phone=f"+96650{9_000_000 + i:07d}")[0] for i in range(n)]
    tokens = [session_start(user=u, method="otp").access for u in users]
    return users, tokens


def ticket_slot(event: object, capacity: int, name: str) -> object:
    from backend.inventory.models import Resource, Slot

    resource = Resource.objects.create(event=event, kind="ticket", name=name, units=capacity)
    return Slot.objects.create(
        resource=resource, starts_at=event.starts_at, ends_at=event.ends_at, capacity=capacity
    )


async def contended(port: int, tokens: list[str], slots: list[object], slug: str) -> None:
    clients = await asyncio.gather(
        *(BenchHttp("127.0.0.1", port, {"Authorization": f"Bearer {t}"}).open() for t in tokens)
    )
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    busy = 0.0
    per_round_successes = []

    async def one(client: object, slot_id: int) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = await client.request(
            "POST", "/api/holds/", {"event": slug, "items": [{"slot": slot_id, "quantity": 1}]}
        )
        return status, time.perf_counter() - start

    for number, slot in enumerate(slots):
        start = time.perf_counter()
        results = await asyncio.gather(*(one(c, slot.pk) for c in clients))
        elapsed = time.perf_counter() - start
        if number == 0:
            continue  # warm-up round
        busy += elapsed
        per_round_successes.append(sum(1 for s, _ in results if s == 201))
        for status, latency in results:
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(latency)
    for client in clients:
        await client.close()
    requests = sum(statuses.values())
    rounds = len(slots) - 1
    print(f"(a) contended: {rounds} rounds, {len(tokens)} clients racing for {CAPACITY} each")
    print(f"    statuses {dict(sorted(statuses.items()))}")
    print(f"    successes per round: {sorted(set(per_round_successes))}")
    holds_per_second = statuses.get(201, 0) / busy
    print(f"    {requests / busy:,.0f} requests/s, {holds_per_second:,.0f} successful holds/s")
    print(f"    latency {describe_ms(latencies)}")


async def uncontended(port: int, tokens: list[str], slot_ids: list[int], slug: str) -> None:
    clients = await asyncio.gather(
        *(BenchHttp("127.0.0.1", port, {"Authorization": f"Bearer {t}"}).open() for t in tokens)
    )
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    per_client = len(slot_ids) // len(clients)

    async def run(client: object, mine: list[int]) -> None:
        for slot_id in mine:
            start = time.perf_counter()
            status, _ = await client.request(
                "POST", "/api/holds/", {"event": slug, "items": [{"slot": slot_id, "quantity": 1}]}
            )
            latencies.append(time.perf_counter() - start)
            statuses[status] = statuses.get(status, 0) + 1

    start = time.perf_counter()
    await asyncio.gather(
        *(run(c, slot_ids[i * per_client : (i + 1) * per_client]) for i, c in enumerate(clients))
    )
    elapsed = time.perf_counter() - start
    for client in clients:
        await client.close()
    print(f"(b) uncontended: {len(slot_ids):,} holds on different slots by {len(clients)} clients")
    print(f"    statuses {dict(sorted(statuses.items()))}")
    print(f"    {statuses.get(201, 0) / elapsed:,.0f} holds/s, latency {describe_ms(latencies)}")


def check_oversold(slots: list[object]) -> int:
    from django.db.models import Sum

    from backend.inventory.models import Slot

    oversold = 0
    for slot in Slot.objects.filter(pk__in=[s.pk for s in slots]):
        active = (
            slot.hold_items.filter(hold__status="active").aggregate(n=Sum("quantity"))["n"] or 0
        )
        oversold += max(0, slot.sold + slot.held - slot.capacity)
        assert slot.held == active, (slot.pk, slot.held, active)
    return oversold


def service_alone(slug: str, users: list[object]) -> None:
    from backend.inventory.services.holds import ItemRequest, hold_create

    event = make_event(slug + "-svc")
    slot = ticket_slot(event, SERVICE_HOLDS + 10, "service bench")
    start = time.perf_counter()
    for n in range(SERVICE_HOLDS):
        hold_create(user=users[n % len(users)], event=event, items=[ItemRequest(slot.pk, 1)])
    elapsed = time.perf_counter() - start
    rate = SERVICE_HOLDS / elapsed
    print(f"(c) service alone: {SERVICE_HOLDS:,} holds in one thread: {rate:,.0f} holds/s")


def main() -> None:
    setup_django()
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    from backend.inventory.models import Resource, Slot
    from tests.support.live import free_port, live_server

    slug = "bench-holds"
    event = make_event(slug)
    users, tokens = make_users(CLIENTS)
    slots = [ticket_slot(event, CAPACITY, f"round {n}") for n in range(ROUNDS + 1)]
    space = Resource.objects.create(event=event, kind="space", name="uncontended", units=1)
    base = event.starts_at
    Slot.objects.bulk_create(
        Slot(
            resource=space,
            starts_at=base + timedelta(minutes=n),
            ends_at=base + timedelta(minutes=n + 1),
            capacity=1,
        )
        for n in range(UNCONTENDED_SLOTS)
    )
    uncontended_ids = list(space.slots.order_by("id").values_list("id", flat=True))

    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        **PRODUCTION_LIKE,
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "LOG_LEVEL": "WARNING",
    }
    var = Path("/tmp/gatehouse-bench")
    var.mkdir(exist_ok=True)
    env["GATEHOUSE_VAR_DIR"] = str(var)
    port = free_port()
    mode, cores = settings.GATEHOUSE_MODE, os.cpu_count()
    print(f"one daphne (backend.serve) on :{port}, {mode} stack, {cores} cores")
    with live_server(env, var, port=port):
        asyncio.run(contended(port, tokens, slots, slug))
        print(f"    oversold units: {check_oversold(slots[1:])}")
        asyncio.run(uncontended(port, tokens, uncontended_ids, slug))
    service_alone(slug, users)


if __name__ == "__main__":
    main()
