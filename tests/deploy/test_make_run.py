"""The first command keeps working: `make run` on a fresh var/ serves the web app, health and
/ws/. It runs in this checkout without touching its .venv or frontend/dist."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets

from tests.support.live import ROOT, embedded_env, free_port, live_server

pytestmark = pytest.mark.slow


async def ws_ping(url: str, origin: str) -> dict[str, str]:
    async with websockets.connect(url, origin=origin, open_timeout=10) as ws:
        await ws.send(json.dumps({"type": "ping"}))
        return json.loads(await asyncio.wait_for(ws.recv(), 5))


def test_make_run_serves_health_and_the_websocket(tmp_path: Path) -> None:
    make = shutil.which("make")
    assert make is not None
    env = embedded_env(tmp_path)
    port = free_port()
    env.update(HOST="127.0.0.1", PORT=str(port))
    # The virtualenv running this suite and the built web app are used as they are (`make test` made
    # both): `-o` keeps make from reinstalling into the one, FRONTEND_DIST from rebuilding
    # the other while the suite runs. Everything else `make run` does, it does here.
    dist = ROOT / "frontend" / "dist"
    if not (dist / "index.html").exists():
        pytest.fail("the web app is not built (frontend/dist); make test builds it")
    env["FRONTEND_DIST"] = str(dist)
    venv = Path(sys.prefix)  # the virtualenv running these tests
    command = [make, "-C", str(ROOT), "-o", f"{venv}/.installed", f"VENV={venv}", "run"]

    with live_server(env, tmp_path, command=command, port=port, timeout=600) as server:
        time.sleep(2.5)  # the hold sweeper runs every second inside this process
        health = httpx.get(f"{server.url}/api/health/", timeout=10)
        pong = asyncio.run(ws_ping(server.ws_url, server.origin))
        page = httpx.get(f"{server.url}/events/summer-fest", timeout=10)
        script = re.search(r'src="(/assets/[^"]+\.js)"', page.text)
        bundle = httpx.get(f"{server.url}{script.group(1)}", timeout=10) if script else None
        # Links in e-mails point at the port this server answers on (FRONTEND_URL).
        reset = httpx.post(
            f"{server.url}/api/auth/password/reset/",
            json={"email": "admin@gatehouse.local"},
            timeout=10,
        )
        time.sleep(0.5)
        first_output = server.log()

    assert health.status_code == 200
    assert health.json()["mode"] == "embedded"
    assert health.json()["periodic"]["holds-sweep"] < 2.0
    assert pong["type"] == "pong"
    # The web app was built and is served, client-side routes included.
    assert page.status_code == 200
    assert '<div id="root">' in page.text
    assert bundle is not None
    assert bundle.status_code == 200
    assert "immutable" in bundle.headers["cache-control"]
    password = re.search(r"│ +password: +(\S{12,}) ", first_output)
    assert password, first_output[-2000:]
    assert "An admin account was created" in first_output
    # Request logs stay quiet in the embedded mode: the box is not buried.
    assert '"GET /api/health/"' not in first_output
    assert reset.status_code == 200
    assert re.search(rf"{re.escape(server.url)}/reset-password\?\S*uid=", first_output)
    assert (tmp_path / "gatehouse.sqlite3").exists()

    # A second `make run` reuses what exists: same database, no new admin made, and the same
    # login shown again in the box.
    with live_server(env, tmp_path, command=command, port=port, timeout=600) as server:
        assert httpx.get(f"{server.url}/api/health/", timeout=10).status_code == 200
        second_output = server.log()
    assert "An admin account was created" not in second_output
    assert re.search(rf"│ +password: +{re.escape(password.group(1))} ", second_output)
