"""The client address behind a real nginx and a real daphne (started as the Procfile starts
it): a header the client wrote never moves it out of its per-IP limit, garbage is no 500,
and daphne reached directly believes no forwarding header.

Clients connect from their own loopback addresses (127.0.0.x), so each one is a distinct
client; nginx reaches daphne from 127.0.0.1, the one trusted proxy.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import websockets

from tests.support.live import ROOT, LiveServer, embedded_env, free_port, live_server
from tests.support.nginx import nginx_in_front, readable_dir

pytestmark = pytest.mark.slow
PHONES = (f"+96650{n:07d}" for n in itertools.count(4_000_001))


def procfile_command(name: str) -> list[str]:
    """A Procfile process's command, run by a shell as honcho runs it."""
    line = next(
        line.split(":", 1)[1]
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line.startswith(f"{name}:")
    )
    return ["sh", "-c", f"exec {line.strip()}"]


@dataclass
class Stack:
    nginx: str
    daphne: LiveServer

    def client(self, source: str, via: str = "nginx") -> httpx.Client:
        base = self.nginx if via == "nginx" else self.daphne.url
        transport = httpx.HTTPTransport(local_address=source)
        return httpx.Client(base_url=base, transport=transport, timeout=10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    var_dir = tmp_path_factory.mktemp("client-address")
    port = free_port()
    env = {
        **embedded_env(var_dir),
        "OTP_REQUESTS_PER_IP": "2",
        "TRUSTED_PROXIES": "127.0.0.1",
        "WEB_PORT": str(port),
        "PORT": str(port),  # the old Procfile's variable, so an old line still starts
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",  # the venv's python
    }
    web = readable_dir("gatehouse-web-")
    (web / "index.html").write_text("<!doctype html><title>Gatehouse app</title>")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    command = procfile_command("web")
    try:
        with (
            live_server(env, var_dir, command=command, port=port) as daphne,
            nginx_in_front(daphne.port, web_root=web) as url,
        ):
            yield Stack(nginx=url, daphne=daphne)
    finally:
        shutil.rmtree(web, ignore_errors=True)


def ask_for_codes(client: httpx.Client, count: int, forged: list[str | None]) -> list[int]:
    statuses = []
    for n in range(count):
        value = forged[n % len(forged)]
        headers = {"X-Forwarded-For": value} if value is not None else {}
        answer = client.post(
            "/api/auth/otp/request/", json={"phone": next(PHONES)}, headers=headers
        )
        statuses.append(answer.status_code)
    return statuses


FORGERIES = ["1.1.1.1", "2.2.2.2, 3.3.3.3", "127.0.0.1", "10.9.8.7", None]


def test_a_forged_header_cannot_escape_the_per_ip_limit_behind_nginx(stack: Stack) -> None:
    with stack.client("127.0.0.2") as client:
        statuses = ask_for_codes(client, 5, FORGERIES)
    with stack.client("127.0.0.3") as other:
        other_statuses = ask_for_codes(other, 1, [None])

    assert statuses == [200, 200, 429, 429, 429]
    # The limit is the client's own, not one shared by everyone behind nginx.
    assert other_statuses == [200]


def test_daphne_reached_directly_ignores_the_header(stack: Stack) -> None:
    with stack.client("127.0.0.4", via="daphne") as client:
        statuses = ask_for_codes(client, 4, FORGERIES)

    assert statuses == [200, 200, 429, 429]


@pytest.mark.parametrize(
    ("source", "via", "value"),
    [
        ("127.0.0.5", "nginx", "not-an-address"),
        ("127.0.0.6", "nginx", "<script>, 1.2.3.4:80, ::zz"),
        ("127.0.0.1", "daphne", "not-an-address"),  # from the trusted proxy itself
        ("127.0.0.1", "daphne", "1.2.3.4, not-an-address"),
        ("127.0.0.7", "daphne", "not-an-address"),
    ],
)
def test_a_garbage_header_is_not_a_500(stack: Stack, source: str, via: str, value: str) -> None:
    with stack.client(source, via=via) as client:
        statuses = ask_for_codes(client, 1, [value])

    assert statuses == [200]


async def handshake(url: str, origin: str, source: str, proto: str | None) -> bool:
    headers = {"X-Forwarded-Proto": proto} if proto else {}
    try:
        async with websockets.connect(
            url,
            origin=origin,  # type: ignore[arg-type]
            additional_headers=headers,
            local_addr=(source, 0),
            open_timeout=5,
        ):
            return True
    except websockets.InvalidStatus:
        return False


def test_the_scheme_comes_only_from_the_trusted_proxy(stack: Stack) -> None:
    direct = f"ws://127.0.0.1:{stack.daphne.port}/ws/"
    secure_page = f"https://127.0.0.1:{stack.daphne.port}"
    through_nginx = stack.nginx.replace("http://", "ws://") + "/ws/"

    async def scenario() -> list[bool]:
        return [
            # nginx said the page was https: believed from it, from no one else.
            await handshake(direct, secure_page, "127.0.0.1", "https"),
            await handshake(direct, secure_page, "127.0.0.8", "https"),
            # Through nginx the client's own X-Forwarded-Proto is replaced by the real one.
            await handshake(
                through_nginx, stack.nginx.replace("http", "https"), "127.0.0.8", "https"
            ),
            await handshake(through_nginx, stack.nginx, "127.0.0.8", "https"),
        ]

    assert asyncio.run(scenario()) == [True, False, False, True]


def test_a_session_records_the_real_client_address(stack: Stack) -> None:
    phone = next(PHONES)
    forged = {"X-Forwarded-For": "6.6.6.6, not-an-address"}
    with stack.client("127.0.0.9") as client:
        offset = len(stack.daphne.log())
        asked = client.post("/api/auth/otp/request/", json={"phone": phone}, headers=forged)
        assert asked.status_code == 200, asked.text
        code = re.findall(rf"OTP {re.escape(phone)} (\d+)", stack.daphne.log()[offset:])[-1]
        verified = client.post(
            "/api/auth/otp/verify/",
            json={"phone": phone, "request_id": asked.json()["request_id"], "code": code},
            headers=forged,
        )
        assert verified.status_code == 200, verified.text
        token = verified.json()["access"]
        sessions = client.get(
            "/api/auth/sessions/", headers={"Authorization": f"Bearer {token}", **forged}
        )

    assert sessions.status_code == 200, sessions.text
    assert [s["ip"] for s in sessions.json()["sessions"]] == ["127.0.0.9"]
