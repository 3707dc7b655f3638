"""Both cores: the Procfile's web process with WEB_PROCESSES=2 behind the real nginx, as
`make stack` runs it, on PostgreSQL and Redis, for each WEB_SERVER.

That both processes serve is shown without anything in the answers: by the kernel (each web
process holds websockets nginx opened to its own port: its sockets in /proc), by the CPU each
one spends on a burst of requests (/proc/<pid>/stat), and by killing one: nginx goes on
serving from the other while backend.serve starts the killed one again on its port.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import websockets

from backend.core import nginx as nginx_conf
from backend.serve import child_commands, process_count
from tests.deploy.test_client_address import procfile_command
from tests.support.live import ROOT, embedded_env, free_port, live_server
from tests.support.nginx import nginx_over, readable_dir

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def test_process_count() -> None:
    assert process_count("3", shared_layer=True) == 3
    assert process_count("auto", shared_layer=True) == len(os.sched_getaffinity(0))
    # The embedded mode's in-process channel layer is not shared: one process, always.
    assert process_count("auto", shared_layer=False) == 1
    assert process_count("1", shared_layer=False) == 1
    for refused in ("2", "0", "many"):
        with pytest.raises(SystemExit):
            process_count(refused, shared_layer=refused != "2")


def test_each_process_gets_the_next_port_and_the_same_options() -> None:
    commands = child_commands(
        ["-b", "127.0.0.1", "--port=9001", "--access-log", "-", "backend.asgi:application"],
        3,
        "uvicorn",
    )

    ports = [command[command.index("-p") + 1] for command in commands]
    assert ports == ["9001", "9002", "9003"]
    for command in commands:
        assert command[1:5] == ["-m", "backend.serve", "-b", "127.0.0.1"]
        assert command[-3:] == ["--access-log", "-", "backend.asgi:application"]
        assert "--server" in command
        assert command[command.index("--server") + 1] == "uvicorn"
        assert command[command.index("--processes") + 1] == "1"
        assert not any(arg.startswith("--port") for arg in command)


def test_nginx_balances_over_every_process(tmp_path: Path) -> None:
    conf = nginx_conf.write(
        tmp_path,
        listen="127.0.0.1:8080",
        upstream=nginx_conf.web_servers("127.0.0.1", 8001, 3),
        web_root=tmp_path,
        static_root=tmp_path,
    )

    upstream = (tmp_path / "upstream.conf").read_text()
    assert upstream.splitlines() == [
        "server 127.0.0.1:8001 max_fails=1 fail_timeout=5s;",
        "server 127.0.0.1:8002 max_fails=1 fail_timeout=5s;",
        "server 127.0.0.1:8003 max_fails=1 fail_timeout=5s;",
    ]
    block = conf.read_text().split("upstream gatehouse_web {", 1)[1].split("}", 1)[0]
    assert "least_conn;" in block
    assert "keepalive " in block
    # The same block docker compose mounts (its replicas: the addresses `web` resolves to).
    assert "least_conn;" in (ROOT / "nginx" / "nginx.conf").read_text()


def test_the_embedded_mode_refuses_two_processes(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "backend.serve", "-p", str(free_port()), "--processes", "2"],
        cwd=ROOT,
        env=embedded_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "needs REDIS_URL" in result.stderr


# --- the real thing ------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def listening_port(pid: int) -> int:
    """The port a web process listens on, from its command line (-p N)."""
    args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    return int(args[args.index("-p") + 1])


def established_on(pid: int, port: int) -> int:
    """How many established TCP connections this process holds on its local ``port``."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if fields[3] == "01" and local_port == port and fields[9] in inodes:
                    count += 1
    return count


@contextlib.contextmanager
def empty_database() -> Iterator[str]:
    """A database of its own (health and websockets need no table), dropped afterwards."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    parts = urlsplit(url)
    name = f"{parts.path.strip('/')}_web_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres")).replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def pong(url: str, ws_url: str) -> dict[str, Any]:
    async with websockets.connect(ws_url, origin=url, open_timeout=10) as ws:
        await ws.send(json.dumps({"type": "ping"}))
        answer: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 10))
        return answer


def consecutive_free_ports() -> int:
    import socket

    while True:
        first = free_port()
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", first + 1))
            except OSError:
                continue
        return first


def wait_until(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError, OSError):
            if check():
                return
        time.sleep(0.2)
    pytest.fail(f"{what} within {timeout} s")


def health(url: str) -> int:
    return httpx.get(f"{url}/api/health/", timeout=10).status_code


def csrf(url: str) -> int:
    """The whole request stack (middleware, a DRF view) without the database."""
    return httpx.get(f"{url}/api/auth/csrf/", timeout=10).status_code


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.parametrize("server", ["daphne", "uvicorn"])
def test_two_web_processes_behind_nginx_both_serve(server: str, tmp_path: Path) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL)")
    import sys

    web_port = consecutive_free_ports()
    ports = [web_port, web_port + 1]
    web = readable_dir("gatehouse-web-")
    (web / "index.html").write_text("<!doctype html><title>Gatehouse app</title>")
    with empty_database() as database_url:
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "backend.settings",
            "DATABASE_URL": database_url,
            "GATEHOUSE_VAR_DIR": str(tmp_path),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "TRUSTED_PROXIES": "127.0.0.1",
            "WEB_PORT": str(web_port),
            "WEB_PROCESSES": "2",
            "WEB_SERVER": server,
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",  # the venv's python
        }
        with (
            live_server(env, tmp_path, command=procfile_command("web"), port=web_port) as sup,
            nginx_over(ports, web_root=web) as url,
        ):
            wait_until(lambda: health(f"http://127.0.0.1:{ports[1]}") == 200, 60, "no 2nd")
            servers = {listening_port(pid): pid for pid in children(sup.process.pid)}
            assert sorted(servers) == ports, servers
            ws_url = url.replace("http://", "ws://") + "/ws/"

            # Websockets: six open at once through nginx (least_conn) are held by both.
            async def hold_open() -> tuple[list[dict[str, Any]], dict[int, int]]:
                sockets = [
                    await websockets.connect(ws_url, origin=url, open_timeout=10) for _ in range(6)
                ]
                try:
                    answers = []
                    for ws in sockets:
                        await ws.send(json.dumps({"type": "ping"}))
                        answers.append(json.loads(await asyncio.wait_for(ws.recv(), 10)))
                    held = {port: established_on(pid, port) for port, pid in servers.items()}
                    return answers, held
                finally:
                    for ws in sockets:
                        await ws.close()

            pongs, held = asyncio.run(hold_open())

            # HTTP: a burst of requests, ten at a time, costs both processes CPU. (Not the
            # health check: its dependency probes may time out on a loaded machine.)
            before = {port: cpu_seconds(pid) for port, pid in servers.items()}
            with ThreadPoolExecutor(10) as pool:
                statuses = list(pool.map(lambda _n: csrf(url), range(150)))
            spent = {port: cpu_seconds(pid) - before[port] for port, pid in servers.items()}

            # One killed: nginx serves from the other, HTTP and websockets, at once...
            killed_port = ports[1]
            os.kill(servers[killed_port], signal.SIGKILL)
            after_kill = [csrf(url) for _ in range(10)]
            pong_after_kill = asyncio.run(pong(url, ws_url))
            # ...and backend.serve starts it again on its port.
            wait_until(
                lambda: (
                    killed_port in {listening_port(p) for p in children(sup.process.pid)}
                    and health(f"http://127.0.0.1:{killed_port}") == 200
                ),
                60,
                "the killed process was not started again",
            )
            restarted = {listening_port(pid): pid for pid in children(sup.process.pid)}
    assert [answer["type"] for answer in pongs] == ["pong"] * 6
    assert all(count >= 1 for count in held.values()), held
    assert sum(held.values()) >= 6, held
    assert statuses == [200] * 150
    total = sum(spent.values())
    assert all(cpu >= 0.2 * total for cpu in spent.values()), spent
    assert after_kill == [200] * 10
    assert pong_after_kill["type"] == "pong"
    assert restarted[killed_port] != servers[killed_port]
    assert restarted[ports[0]] == servers[ports[0]]


@pytest.mark.slow
@pytest.mark.redis
def test_no_server_outlives_its_supervisor(tmp_path: Path) -> None:
    """Even a supervisor killed outright (SIGKILL, no chance to stop them) takes its servers
    with it: none is left holding its port."""
    import subprocess
    import sys

    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL)")
    env = {**embedded_env(tmp_path), "REDIS_URL": os.environ["REDIS_URL"]}
    port = consecutive_free_ports()
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "backend.serve", "-p", str(port), "--processes", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    servers: list[int] = []
    try:
        wait_until(lambda: len(children(supervisor.pid)) == 2, 60, "two servers not started")
        servers = children(supervisor.pid)
        supervisor.kill()
        supervisor.wait(10)
        wait_until(
            lambda: not any(Path(f"/proc/{pid}").exists() for pid in servers),
            30,
            "a server outlived its supervisor",
        )
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
        for pid in {*servers, *children(supervisor.pid)}:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
