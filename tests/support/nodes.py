"""Several Gatehouse web nodes behind one real nginx, on PostgreSQL and Redis, for the
multi-node tests (tests/deploy/test_nodes.py) and bench/fanout.py.

A node is one ``python -m backend.serve`` process (daphne unless told otherwise) on a port of
its own; nginx (the project's nginx.conf, rendered by backend/core/nginx.py as ``make stack``
renders it) balances over them least_conn. Every node shares the database and Redis, so a
change committed through one reaches watchers on every other. ``private_redis_servers``
starts redis-servers of the test's own on free ports (the machine's Redis is shared).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from tests.support.live import LiveServer, free_port, live_server

START_TIMEOUT = 60.0


def node_env(
    base: Mapping[str, str], *, database_url: str, var_dir: Path, secret_key: str, **extra: str
) -> dict[str, str]:
    """A node's environment: the caller's, on ``database_url``, with a shared secret key
    (tokens made by one node or by the test verify on every node)."""
    env = {k: v for k, v in base.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "backend.settings",
            "DATABASE_URL": database_url,
            "GATEHOUSE_VAR_DIR": str(var_dir),
            "DJANGO_SECRET_KEY": secret_key,
            # Many test clients come from 127.0.0.1: no per-connection frame limit in the way.
            "REALTIME_FRAMES_PER_SECOND": "1000",
            "REALTIME_FRAME_BURST": "1000",
            **extra,
        }
    )
    return env


@contextlib.contextmanager
def web_nodes(
    count: int,
    env: Mapping[str, str],
    log_dir: Path,
    *,
    app: str = "backend.asgi:application",
    server: str = "daphne",
) -> Iterator[list[LiveServer]]:
    """``count`` nodes, each its own process and port, until the block ends (SIGTERM, then
    SIGKILL after a bound). A node the test killed is simply not stopped again."""
    with contextlib.ExitStack() as stack:
        nodes = [
            stack.enter_context(
                live_server(env, log_dir, app=app, argv=("--server", server), timeout=START_TIMEOUT)
            )
            for _ in range(count)
        ]
        yield nodes


def kill_node(node: LiveServer) -> None:
    """kill -9: no close frame, no drain; its sockets are reset by the kernel."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(node.process.pid, signal.SIGKILL)
    node.process.wait(10)


def stop_node(node: LiveServer) -> None:
    """SIGTERM to the node's server process alone (as a supervisor or docker sends it)."""
    node.process.send_signal(signal.SIGTERM)


@contextlib.contextmanager
def private_redis_servers(count: int, log_dir: Path) -> Iterator[list[str]]:
    """``count`` redis-servers of this test's own on free ports (no persistence); yields
    their URLs; each is shut down and its files removed when the block ends."""
    from tests.conftest import require_binary

    binary = require_binary("redis-server")
    processes: list[subprocess.Popen[bytes]] = []
    urls = []
    try:
        for _ in range(count):
            port = free_port()
            work = log_dir / f"redis-{port}"
            work.mkdir(parents=True, exist_ok=True)
            processes.append(
                subprocess.Popen(
                    [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--dir", str(work)],
                    stdout=(work / "log").open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
            urls.append(f"redis://127.0.0.1:{port}/0")
        for url, process in zip(urls, processes, strict=True):
            _wait_for_redis(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _wait_for_redis(url: str, process: subprocess.Popen[bytes]) -> None:
    import redis

    deadline = time.monotonic() + 10
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server for {url} exited with {process.returncode}")
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        finally:
            client.close()
