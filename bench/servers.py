"""The server itself: daphne (backend.serve) against uvicorn (uvloop, httptools), through
`make stack`'s topology (nginx + WEB_PROCESSES servers), with wrk as the load generator.

For each server, CPU per request of the web processes beside the floor:
  floor   a plain ASGI no-op (bench/bare_app.py answers any /api/ path, no Django): the
          server's own cost;
  csrf    GET /api/auth/csrf/ on the whole app: middleware, URL, a DRF view, no database;
  me      GET /api/auth/me/ with a Bearer token: JWT authentication, the user, a serializer;
  ws      websocket ping → pong through nginx on the whole app (the gateway), a Python client.

Run: .venv/bin/python bench/servers.py [--seconds 8] [--processes 2] [--servers daphne,uvicorn]
(DATABASE_URL / REDIS_URL: the bench database and Redis.) Figures are noisy on two shared
cores: run it twice when a figure matters.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path

from common import ROOT, setup_django
from stack import Stack, own_cpu_seconds, running_stack
from wrkload import run_wrk

WS_CONNECTIONS = 50
WS_PINGS = 100  # per connection


def user_token() -> str:
    from backend.accounts.models import User
    from backend.accounts.services.sessions import session_start

    user, _ = User.objects.get_or_create(phone="+966509999001")
    return session_start(user=user, method="otp").access


def http_figure(stack: Stack, name: str, path: str, seconds: float, token: str = "") -> str:
    before = stack.cpu()
    result = run_wrk(
        stack.url + path,
        "get.lua",
        connections=50,
        seconds=seconds,
        env={"WRK_PATH": path, "WRK_TOKEN": token},
    )
    used = stack.cpu() - before
    return f"    {name:<6} {result.describe()}\n           CPU: {used.describe(result.requests)}"


async def ping_pong(stack: Stack) -> tuple[int, float]:
    import websockets

    async def one() -> int:
        async with websockets.connect(
            stack.ws_url, origin=stack.origin, open_timeout=30, ping_interval=None
        ) as ws:
            for _ in range(WS_PINGS):
                await ws.send('{"type":"ping"}')
                answer = json.loads(await ws.recv())
                assert answer["type"] == "pong", answer
            return WS_PINGS

    start = time.perf_counter()
    done = await asyncio.gather(*(one() for _ in range(WS_CONNECTIONS)))
    return sum(done), time.perf_counter() - start


def ws_figure(stack: Stack) -> str:
    before, client_before = stack.cpu(), own_cpu_seconds()
    messages, elapsed = asyncio.run(ping_pong(stack))
    used, client = stack.cpu() - before, own_cpu_seconds() - client_before
    return (
        f"    {'ws':<6} {messages / elapsed:,.0f} pings/s ({messages:,} on {WS_CONNECTIONS} "
        f"websockets in {elapsed:.1f} s); the Python client's own CPU {client / elapsed:.0%} "
        f"of a core\n           CPU: {used.describe(messages)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--processes", type=int, default=int(os.environ.get("WEB_PROCESSES", 2)))
    parser.add_argument("--servers", default="daphne,uvicorn")
    options = parser.parse_args()
    setup_django()
    token = user_token()
    print(
        f"nginx + {options.processes} web processes per server, wrk -c50 for "
        f"{options.seconds:g} s per route, {os.cpu_count()} cores (shared with the client)"
    )
    bare_env = {"PYTHONPATH": str(Path(ROOT) / "bench")}
    for server in options.servers.split(","):
        print(f"== {server}")
        with running_stack(
            processes=options.processes, server=server, app="bare_app:application", env=bare_env
        ) as stack:
            print(http_figure(stack, "floor", "/api/noop/", options.seconds))
        # The gateway's per-connection frame limit would answer rate_limited to a client
        # pinging flat out: raised, as bench/fanout.py raises it.
        app_env = {"REALTIME_FRAMES_PER_SECOND": "100000", "REALTIME_FRAME_BURST": "100000"}
        with running_stack(processes=options.processes, server=server, env=app_env) as stack:
            # One short warm-up (imports, connection pools) that is not counted.
            run_wrk(stack.url + "/api/auth/csrf/", "get.lua", connections=10, seconds=1)
            print(http_figure(stack, "csrf", "/api/auth/csrf/", options.seconds))
            print(http_figure(stack, "me", "/api/auth/me/", options.seconds, token))
            print(ws_figure(stack))


if __name__ == "__main__":
    main()
