"""Holds through make stack's topology (nginx + WEB_PROCESSES servers), loaded by wrk.

(a) contended: 200 connections, a Bearer token per request (200 users), all on 5 slots of
    capacity 100 taken in turn (ROUNDS slots: each sells out, then refuses) → requests/s,
    statuses, latency, and the oversold count (must be 0);
(b) uncontended: the same 200 users over 10,000 slots of capacity 1 → holds/s;
beside the floor of the same stack: GET /api/auth/csrf/ (the request stack, no database).
For each: the web processes' CPU per request, nginx's, and wrk's own share of a core.

Run: .venv/bin/python bench/holds_wrk.py [--seconds 10] [--processes 2] [--server uvicorn]
(DATABASE_URL / REDIS_URL: the bench database and Redis.)
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import timedelta

from common import setup_django
from stack import Cpu, running_stack
from wrkload import WrkResult, run_wrk

CLIENTS = 200
CAPACITY = 100
ROUNDS = 5  # 500 units: they sell out within a run, then the rest is refused
UNCONTENDED_SLOTS = 10_000
SLUG = "bench-holds-wrk"


def prepare() -> tuple[list[str], list[int], list[int]]:
    from django.utils import timezone

    from backend.accounts.models import User
    from backend.accounts.services.sessions import session_start
    from backend.inventory.models import Event, Hold, Resource, Slot, Venue

    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    Hold.objects.filter(event__slug=SLUG).delete()
    Event.objects.filter(slug=SLUG).delete()
    start = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        slug=SLUG,
        name=SLUG,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        status=Event.Status.ON_SALE,
        max_live_holds_per_user=30_000,
        max_quantity_per_hold=10,
    )
    users = [
        User.objects.get_or_create(phone=f"+96650{8_000_000 + n:07d}")[0] for n in range(CLIENTS)
    ]
    tokens = [session_start(user=user, method="otp").access for user in users]
    contended = []
    for n in range(ROUNDS):
        resource = Resource.objects.create(event=event, kind="ticket", name=f"r{n}", units=CAPACITY)
        slot = Slot.objects.create(
            resource=resource, starts_at=event.starts_at, ends_at=event.ends_at, capacity=CAPACITY
        )
        contended.append(slot.pk)
    space = Resource.objects.create(event=event, kind="space", name="uncontended", units=1)
    Slot.objects.bulk_create(
        Slot(
            resource=space,
            starts_at=start + timedelta(minutes=n),
            ends_at=start + timedelta(minutes=n + 1),
            capacity=1,
        )
        for n in range(UNCONTENDED_SLOTS)
    )
    free = list(space.slots.order_by("id").values_list("id", flat=True))
    return tokens, contended, free


def oversold(slot_ids: list[int]) -> int:
    from backend.inventory.models import Slot

    return sum(
        max(0, slot.sold + slot.held - slot.capacity)
        for slot in Slot.objects.filter(pk__in=slot_ids)
    )


def line(name: str, result: WrkResult, used: Cpu) -> str:
    cpu = used.describe(result.requests)
    return f"    {name:<12} {result.describe()}\n                 CPU: {cpu}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--server", default=None)
    options = parser.parse_args()
    setup_django()
    tokens, contended, free = prepare()
    with tempfile.NamedTemporaryFile("w", suffix=".tokens", delete=False) as file:
        file.write("\n".join(tokens) + "\n")
    try:
        with running_stack(processes=options.processes, server=options.server) as stack:
            print(
                f"nginx + {stack.processes} {stack.server} processes, wrk -c{CLIENTS} for "
                f"{options.seconds:g} s, {os.cpu_count()} cores (shared with wrk)"
            )
            run_wrk(stack.url + "/api/auth/csrf/", "get.lua", connections=10, seconds=1)
            before = stack.cpu()
            floor = run_wrk(
                stack.url + "/api/auth/csrf/",
                "get.lua",
                connections=CLIENTS,
                seconds=options.seconds,
                env={"WRK_PATH": "/api/auth/csrf/"},
            )
            print(line("floor (csrf)", floor, stack.cpu() - before))
            env = {"WRK_TOKENS": file.name, "WRK_EVENT": SLUG}
            before = stack.cpu()
            result = run_wrk(
                stack.url + "/api/holds/",
                "holds.lua",
                connections=CLIENTS,
                seconds=options.seconds,
                env={**env, "WRK_SLOTS": ",".join(map(str, contended))},
            )
            print(line("(a) contended", result, stack.cpu() - before))
            print(f"                 oversold units: {oversold(contended)}")
            before = stack.cpu()
            result = run_wrk(
                stack.url + "/api/holds/",
                "holds.lua",
                connections=CLIENTS,
                seconds=options.seconds,
                env={**env, "WRK_SLOTS": ",".join(map(str, free))},
            )
            print(line("(b) uncontended", result, stack.cpu() - before))
            print(f"                 oversold units: {oversold(free)}")
    finally:
        os.unlink(file.name)


if __name__ == "__main__":
    main()
