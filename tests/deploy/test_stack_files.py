"""The full stack's files: docker-compose.yml, nginx/nginx.conf, the Procfile."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest
import websockets
import yaml

from tests.conftest import require_binary
from tests.support.live import ROOT, embedded_env, free_port, live_server


def test_compose_file_is_valid_and_complete(tmp_path: Path) -> None:
    compose = require_binary("docker-compose")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")

    result = subprocess.run(
        [compose, "config"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "nginx"} <= set(services)
    for name in ("postgres", "redis", "web", "nginx"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "redisdata", "static"} <= set(config["volumes"])
    assert services["web"]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def nginx_conf_in(directory: Path, upstream: str) -> Path:
    shutil.copy(ROOT / "nginx" / "nginx.conf", directory / "nginx.conf")
    (directory / "upstream.conf").write_text(f"server {upstream};\n")
    return directory / "nginx.conf"


def test_nginx_config_passes_nginx_t(tmp_path: Path) -> None:
    nginx = require_binary("nginx")
    conf = nginx_conf_in(tmp_path, "127.0.0.1:8000")

    result = subprocess.run(
        [nginx, "-t", "-c", str(conf), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.mark.slow
def test_nginx_proxies_the_api_and_websockets_to_daphne(tmp_path: Path) -> None:
    nginx = require_binary("nginx")
    # nginx's workers drop root: the app's folder must be readable by them (pytest's is not).
    web = Path(tempfile.mkdtemp(prefix="gatehouse-web-"))
    web.chmod(0o755)
    (web / "assets").mkdir(mode=0o755)
    (web / "index.html").write_text("<!doctype html><title>Gatehouse app</title>")
    (web / "assets" / "index-Ab12Cd34.js").write_text("console.log('app')")
    with live_server(embedded_env(tmp_path), tmp_path) as daphne:
        conf = nginx_conf_in(tmp_path, f"127.0.0.1:{daphne.port}")
        port = free_port()
        # Only where it listens, its pid file and the web app's folder differ from production.
        text = conf.read_text().replace("listen 80;", f"listen 127.0.0.1:{port};")
        text = text.replace("root /srv/web;", f"root {web};")
        conf.write_text(text.replace("pid /tmp/nginx.pid;", f"pid {tmp_path}/nginx.pid;"))
        proxy = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(50):
                try:
                    health = httpx.get(f"{url}/api/health/", timeout=5)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)

            async def ping() -> dict[str, str]:
                async with websockets.connect(
                    f"ws://127.0.0.1:{port}/ws/", origin=url, open_timeout=5
                ) as ws:
                    await ws.send(json.dumps({"type": "ping"}))
                    return json.loads(await asyncio.wait_for(ws.recv(), 5))

            pong = asyncio.run(ping())
            pages = [httpx.get(url + path, timeout=5) for path in ("/", "/events/summer-fest")]
            asset = httpx.get(f"{url}/assets/index-Ab12Cd34.js", timeout=5)
            missing_asset = httpx.get(f"{url}/assets/index-gone0000.js", timeout=5)
            admin = httpx.get(f"{url}/admin/login/", timeout=5)
        finally:
            shutil.rmtree(web, ignore_errors=True)
            proxy.terminate()
            proxy.wait(10)

    assert health.status_code == 200
    assert health.json()["ok"] is True
    assert pong["type"] == "pong"
    # The web app: every client-side route is index.html, assets are cached for good.
    for page in pages:
        assert page.status_code == 200
        assert "Gatehouse app" in page.text
        assert page.headers["cache-control"] == "no-cache"
    assert asset.status_code == 200
    assert "immutable" in asset.headers["cache-control"]
    assert missing_asset.status_code == 404
    assert admin.status_code == 200
    assert "csrfmiddlewaretoken" in admin.text


def test_procfile_runs_web_worker_beat_and_release() -> None:
    processes = dict(
        line.split(":", 1)
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )

    assert set(processes) == {"release", "web", "worker", "beat"}
    assert "backend.serve" in processes["web"]
    assert "backend.asgi:application" in processes["web"]
    assert "celery -A backend worker" in processes["worker"]
    assert "celery -A backend beat" in processes["beat"]
    assert "migrate" in processes["release"]
