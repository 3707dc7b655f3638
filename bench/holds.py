"""Hold throughput on PostgreSQL and Redis, through `make stack`'s topology.

nginx in front of WEB_PROCESSES web servers (default one per core; WEB_SERVER picks daphne or
uvicorn), on the bench database and Redis, production-shaped (bench/stack.py):

(a) contended: 200 clients (each its own user and keep-alive connection) race for a slot of
    capacity 100, all at once, round after round (a fresh slot each round) → requests/s,
    successful holds/s, p50/p99 latency, the oversold count (must be 0) and the counters
    checked against the rows; the client is the minimal Python one (bench/loadclient.py),
    its own CPU printed;
(b) uncontended: the same 200 clients take 10,000 different slots → holds/s; then wrk
    (bench/wrk/holds.lua), the low-CPU load generator, on other fresh slots for 8 s;
(c) the service alone, no HTTP: hold_create in a loop in this process → holds/s;
(d) the floor: wrk on a plain ASGI no-op (bench/bare_app.py) through the same topology; the
    web servers' CPU per request of each path above is printed beside it.

Ends with the issue's table, figure beside goal.

Run: .venv/bin/python bench/holds.py [--processes N] [--server daphne|uvicorn]
(DATABASE_URL / REDIS_URL default to the local bench database and Redis db 8)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from common import ROOT, describe_ms, percentile, setup_django
from hold_setup import check_oversold, make_event, make_users, minute_slots, ticket_slot
from loadclient import HttpConnection as BenchHttp
from stack import Stack, own_cpu_seconds, running_stack
from wrkload import run_wrk

CLIENTS = 200
CAPACITY = 100
ROUNDS = 15
UNCONTENDED_SLOTS = 10_000
WRK_SLOTS = 10_000  # ids in an environment variable: at most 128 KiB
WRK_SECONDS = 8
SERVICE_HOLDS = 3_000

figures: dict[str, str] = {}


def web_cpu(stack: Stack, before: object, requests: int) -> float:
    """ms of the web servers' CPU per request since ``before``."""
    used = stack.cpu() - before
    return used.web / max(requests, 1) * 1000


async def contended(stack: Stack, tokens: list[str], slots: list[object], slug: str) -> None:
    clients = await asyncio.gather(
        *(
            BenchHttp("127.0.0.1", stack.port, {"Authorization": f"Bearer {t}"}).open()
            for t in tokens
        )
    )
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    busy = 0.0
    per_round_successes = []

    async def one(client: BenchHttp, slot_id: int) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = await client.request(
            "POST", "/api/holds/", {"event": slug, "items": [{"slot": slot_id, "quantity": 1}]}
        )
        return status, time.perf_counter() - start

    cpu_before, client_before = None, 0.0
    for number, slot in enumerate(slots):
        if number == 1:
            cpu_before, client_before = stack.cpu(), own_cpu_seconds()
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
    client_cpu = own_cpu_seconds() - client_before
    requests = sum(statuses.values())
    cpu = web_cpu(stack, cpu_before, requests)
    for client in clients:
        await client.close()
    rounds = len(slots) - 1
    rate, holds_rate = requests / busy, statuses.get(201, 0) / busy
    p99 = percentile(latencies, 99) * 1000
    print(f"(a) contended: {rounds} rounds, {len(tokens)} clients racing for {CAPACITY} each")
    print(f"    statuses {dict(sorted(statuses.items()))}")
    print(f"    successes per round: {sorted(set(per_round_successes))}")
    print(f"    {rate:,.0f} requests/s, {holds_rate:,.0f} successful holds/s")
    print(f"    latency {describe_ms(latencies)}")
    print(f"    web CPU {cpu:.2f} ms/request; the Python client's own CPU {client_cpu / busy:.0%}")
    figures["contended"] = (
        f"{rate:,.0f} requests/s ({holds_rate:,.0f} successful holds/s), p99 {p99:,.0f} ms"
    )
    figures["contended_cpu"] = f"{cpu:.2f}"


async def uncontended(stack: Stack, tokens: list[str], slot_ids: list[int], slug: str) -> None:
    clients = await asyncio.gather(
        *(
            BenchHttp("127.0.0.1", stack.port, {"Authorization": f"Bearer {t}"}).open()
            for t in tokens
        )
    )
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    per_client = len(slot_ids) // len(clients)

    async def run(client: BenchHttp, mine: list[int]) -> None:
        for slot_id in mine:
            start = time.perf_counter()
            status, _ = await client.request(
                "POST", "/api/holds/", {"event": slug, "items": [{"slot": slot_id, "quantity": 1}]}
            )
            latencies.append(time.perf_counter() - start)
            statuses[status] = statuses.get(status, 0) + 1

    cpu_before, client_before = stack.cpu(), own_cpu_seconds()
    start = time.perf_counter()
    await asyncio.gather(
        *(run(c, slot_ids[i * per_client : (i + 1) * per_client]) for i, c in enumerate(clients))
    )
    elapsed = time.perf_counter() - start
    client_cpu = own_cpu_seconds() - client_before
    cpu = web_cpu(stack, cpu_before, sum(statuses.values()))
    for client in clients:
        await client.close()
    rate = statuses.get(201, 0) / elapsed
    print(f"(b) uncontended: {len(slot_ids):,} holds on different slots by {len(clients)} clients")
    print(f"    statuses {dict(sorted(statuses.items()))}")
    print(f"    {rate:,.0f} holds/s, latency {describe_ms(latencies)}")
    print(
        f"    web CPU {cpu:.2f} ms/request; the Python client's own CPU "
        f"{client_cpu / elapsed:.0%} of a core"
    )
    figures["uncontended"] = f"{rate:,.0f}/s (Python client)"
    figures["uncontended_cpu"] = f"{cpu:.2f}"


def uncontended_wrk(stack: Stack, tokens: list[str], slot_ids: list[int], slug: str) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".tokens", delete=False) as file:
        file.write("\n".join(tokens))
    before = stack.cpu()
    result = run_wrk(
        stack.url + "/api/holds/",
        "holds.lua",
        connections=len(tokens),
        seconds=WRK_SECONDS,
        env={
            "WRK_TOKENS": file.name,
            "WRK_EVENT": slug,
            "WRK_SLOTS": ",".join(map(str, slot_ids)),
        },
    )
    cpu = web_cpu(stack, before, result.requests)
    os.unlink(file.name)
    held = result.statuses.get(201, 0) / result.seconds
    print(f"    with wrk, {len(tokens)} connections: {result.describe()}")
    print(f"    web CPU {cpu:.2f} ms/request")
    figures["uncontended"] += f"; {held:,.0f}/s (wrk)"


def floor(stack: Stack) -> None:
    before = stack.cpu()
    result = run_wrk(stack.url + "/api/floor/", "get.lua", connections=50, seconds=5,
                     env={"WRK_PATH": "/api/floor/"})  # fmt: skip
    cpu = web_cpu(stack, before, result.requests)
    print(f"(d) the floor, a plain ASGI no-op through the same topology: {result.describe()}")
    print(f"    web CPU {cpu:.2f} ms/request")
    figures["floor_cpu"] = f"{cpu:.2f}"


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
    figures["service"] = f"{rate:,.0f}/s"


def table() -> None:
    rows = [
        (
            "contended holds over HTTP, 0 oversold",
            figures.get("contended", "-"),
            "≥ 500 requests/s, p99 ≤ 250 ms",
        ),
        ("uncontended holds over HTTP", figures.get("uncontended", "-"), "≥ 500/s"),
        ("`hold_create` alone, no HTTP", figures.get("service", "-"), "≥ 2,000/s"),
    ]
    print("\n| path | figure | goal |\n| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(
        f"\nweb CPU per request: contended {figures.get('contended_cpu', '-')} ms, "
        f"uncontended {figures.get('uncontended_cpu', '-')} ms, "
        f"the no-op floor {figures.get('floor_cpu', '-')} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--server", default=None)
    args = parser.parse_args()
    setup_django()

    slug = "bench-holds"
    event = make_event(slug)
    users, tokens = make_users(CLIENTS)
    slots = [ticket_slot(event, CAPACITY, f"round {n}") for n in range(ROUNDS + 1)]
    uncontended_ids = minute_slots(event, "uncontended", UNCONTENDED_SLOTS)
    wrk_ids = minute_slots(event, "uncontended, wrk", WRK_SLOTS)

    env = {"LOG_LEVEL": "WARNING", "GATEHOUSE_VAR_DIR": str(Path(tempfile.mkdtemp()))}
    with running_stack(processes=args.processes, server=args.server, env=env) as stack:
        print(
            f"nginx on :{stack.port} in front of {stack.processes} {stack.server} "
            f"process(es), {os.cpu_count()} cores"
        )
        asyncio.run(contended(stack, tokens, slots, slug))
        oversold = check_oversold([slot.pk for slot in slots[1:]])
        print(f"    oversold units: {oversold}; the counters match the rows")
        asyncio.run(uncontended(stack, tokens, uncontended_ids, slug))
        uncontended_wrk(stack, tokens, wrk_ids, slug)
    bare_env = {**env, "PYTHONPATH": str(ROOT / "bench")}
    with running_stack(
        processes=args.processes, server=args.server, env=bare_env, app="bare_app:application"
    ) as stack:
        floor(stack)
    service_alone(slug, users)
    table()


if __name__ == "__main__":
    main()
