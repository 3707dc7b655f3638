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

from common import setup_django
from hold_setup import check_oversold, make_event, make_users, minute_slots, ticket_slot
from stack import Cpu, running_stack
from wrkload import WrkResult, run_wrk

CLIENTS = 200
CAPACITY = 100
ROUNDS = 5  # 500 units: they sell out within a run, then the rest is refused
UNCONTENDED_SLOTS = 10_000
SLUG = "bench-holds-wrk"


def prepare() -> tuple[list[str], list[int], list[int]]:
    event = make_event(SLUG)
    _, tokens = make_users(CLIENTS, first=8_000_000)
    contended = [ticket_slot(event, CAPACITY, f"r{n}").pk for n in range(ROUNDS)]
    free = minute_slots(event, "uncontended", UNCONTENDED_SLOTS)
    return tokens, contended, free


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
            print(f"                 oversold units: {check_oversold(contended)}")
            before = stack.cpu()
            result = run_wrk(
                stack.url + "/api/holds/",
                "holds.lua",
                connections=CLIENTS,
                seconds=options.seconds,
                env={**env, "WRK_SLOTS": ",".join(map(str, free))},
            )
            print(line("(b) uncontended", result, stack.cpu() - before))
            print(f"                 oversold units: {check_oversold(free)}")
    finally:
        os.unlink(file.name)


if __name__ == "__main__":
    main()
