"""The full stack's files: docker-compose.yml, nginx/nginx.conf, the Procfile."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
import websockets
import yaml

from backend.core import nginx as nginx_conf
from backend.core.spa import WEB_APP_HEADERS
from tests.conftest import require_binary
from tests.support.live import ROOT, embedded_env, live_server
from tests.support.nginx import nginx_in_front, readable_dir

# The smallest PNG there is (1x1, transparent): an uploaded image on disk.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5c0000000049454e44ae426082"
)


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
    assert {"postgres", "redis", "web", "worker", "mailer", "beat", "nginx"} <= set(services)
    # A worker per queue group; the web nodes drain on SIGTERM before docker's SIGKILL.
    assert services["worker"]["command"][4:6] == ["-Q", "celery"]
    assert services["mailer"]["command"][4:6] == ["-Q", "email"]
    assert services["web"]["stop_grace_period"] in ("20s", 20, 20.0)
    assert "/api/health/ready/" in services["web"]["healthcheck"]["test"][-1]
    # `--scale web=N` needs a service with no fixed name and no published port.
    assert "container_name" not in services["web"]
    for name in ("postgres", "redis", "web", "nginx"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "redisdata", "static"} <= set(config["volumes"])
    assert services["web"]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    # Production-shaped: DEBUG and the test provider off, daphne believing only nginx's
    # headers (the compose network), and no --proxy-headers anywhere.
    web = services["web"]
    assert web["environment"]["DJANGO_DEBUG"] == "0"
    assert web["environment"]["PAYMENTS_TEST_PROVIDER"] == "0"
    subnet = config["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert web["environment"]["TRUSTED_PROXIES"] == subnet
    assert "ports" not in web
    assert "--proxy-headers" not in web["command"]
    assert "--proxy-headers" not in (ROOT / "Dockerfile").read_text()
    assert "--proxy-headers" not in (ROOT / "Procfile").read_text()
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_nginx_config_passes_nginx_t(tmp_path: Path) -> None:
    """As docker compose mounts it (its upstream resolved here), and as make stack renders it."""
    nginx = require_binary("nginx")
    shutil.copy(ROOT / "nginx" / "nginx.conf", tmp_path / "nginx.conf")
    (tmp_path / "upstream.conf").write_text("server 127.0.0.1:8000;\n")
    rendered = nginx_conf.write(
        tmp_path / "rendered",
        listen="127.0.0.1:8080",
        upstream="127.0.0.1:8001",
        web_root=tmp_path / "web",
        static_root=tmp_path / "static",
    )

    for conf in (tmp_path / "nginx.conf", rendered):
        result = subprocess.run(
            [nginx, "-t", "-e", "stderr", "-c", str(conf), "-p", str(conf.parent)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        assert "test is successful" in result.stderr


def test_nginx_replaces_the_forwarding_headers_it_sends() -> None:
    """X-Forwarded-For is what nginx saw, never appended to what the client wrote."""
    text = (ROOT / "nginx" / "nginx.conf").read_text()
    proxied = [line.split(None, 1)[1] for line in text.splitlines() if "proxy_set_header" in line]

    assert "$proxy_add_x_forwarded_for" not in text
    # /ws/, /api/, /compat/, /metrics, /media/renditions/, /media/, /admin/
    assert proxied.count("X-Forwarded-For $remote_addr;") == 7
    assert proxied.count("X-Real-IP $remote_addr;") == 7
    assert proxied.count("Host $http_host;") == 7
    assert proxied.count("X-Request-ID $request_id;") == 7  # the id the logs follow


@pytest.mark.slow
def test_nginx_proxies_the_api_and_websockets_to_daphne(tmp_path: Path) -> None:
    web = readable_dir("gatehouse-web-")
    (web / "assets").mkdir(mode=0o755)
    (web / "index.html").write_text("<!doctype html><title>Gatehouse app</title>")
    (web / "assets" / "index-Ab12Cd34.js").write_text("console.log('app')")
    (web / "assets" / "index-Ab12Cd34.js.map").write_text('{"sources": ["App.tsx"]}')
    static = readable_dir("gatehouse-static-")
    (static / "admin.js.map").write_text('{"sources": ["admin.js"]}')
    media = tmp_path / "media"
    (media / "vendors").mkdir(parents=True)
    (media / "vendors" / "logo.png").write_bytes(PNG)
    (media / "renditions").mkdir()
    (media / "renditions" / "0a1b2c3d4e5f60718293-320.webp").write_bytes(PNG)
    (tmp_path / "beside.txt").write_text("NOT-AN-UPLOAD")  # must never be served
    env = {**embedded_env(tmp_path), "TRUSTED_PROXIES": "127.0.0.1", "MEDIA_ROOT": str(media)}
    try:
        with (
            live_server(env, tmp_path) as daphne,
            nginx_in_front(
                daphne.port, web_root=web, static_root=static, access_log=tmp_path / "access"
            ) as url,
        ):
            port = int(url.rsplit(":", 1)[1])
            for secret_path in (
                "/t/SECRET-ticket-link",
                "/reset-password?uid=MQ&token=SECRET-reset",
                "/api/tickets/links/SECRET-api-link/",
            ):
                httpx.get(url + secret_path, timeout=5, headers={"Referer": url + secret_path})
            health = httpx.get(f"{url}/api/health/", timeout=5)

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
            maps = [
                httpx.get(f"{url}{path}", timeout=5)
                for path in ("/assets/index-Ab12Cd34.js.map", "/static/admin.js.map")
            ]
            admin = httpx.get(f"{url}/admin/login/", timeout=5)
            uploads = [
                httpx.get(f"{url}/media/{path}", timeout=5)
                for path in ("vendors/logo.png", "vendors/..%2F..%2Fbeside.txt", "nothing.png")
            ]
            rendition = httpx.get(
                f"{url}/media/renditions/0a1b2c3d4e5f60718293-320.webp", timeout=5
            )
            too_big = httpx.post(f"{url}/api/auth/otp/request/", content=b"x" * 3_000_000)
    finally:
        shutil.rmtree(web, ignore_errors=True)
        shutil.rmtree(static, ignore_errors=True)

    logged = (tmp_path / "access").read_text()
    assert "GET /t/... HTTP/1.1" in logged  # the request is logged, its token is not
    assert "/api/tickets/links/..." in logged
    assert "SECRET" not in logged
    assert health.status_code == 200
    assert health.json()["ok"] is True
    assert pong["type"] == "pong"
    # The web app: every client-side route is index.html, with the same confining headers
    # Django sends; assets are cached for good; source maps are never served.
    for page in pages:
        assert page.status_code == 200
        assert "Gatehouse app" in page.text
        assert page.headers["cache-control"] == "no-cache"
        for name, value in WEB_APP_HEADERS.items():
            assert page.headers[name] == value, name
    assert asset.status_code == 200
    assert "immutable" in asset.headers["cache-control"]
    assert missing_asset.status_code == 404
    assert [m.status_code for m in maps] == [404, 404]
    assert admin.status_code == 200
    assert "csrfmiddlewaretoken" in admin.text
    # Uploaded images: daphne serves them from MEDIA_ROOT through nginx, as images only.
    assert uploads[0].status_code == 200
    assert "NOT-AN-UPLOAD" not in uploads[1].text  # out of MEDIA_ROOT: never read
    assert uploads[2].status_code == 404
    assert uploads[0].content == PNG
    assert uploads[0].headers["content-type"] == "image/png"
    assert uploads[0].headers["x-content-type-options"] == "nosniff"
    assert uploads[0].headers["cache-control"] == "public, max-age=86400"
    # A picture's rendition (a content-hashed name) is kept for good, once (not twice).
    assert rendition.status_code == 200
    assert rendition.headers.get_list("cache-control") == ["public, max-age=31536000, immutable"]
    assert rendition.headers["x-content-type-options"] == "nosniff"
    # nginx refuses a body over its limit before daphne reads any of it.
    assert too_big.status_code == 413
    assert "413 Request Entity Too Large" in too_big.text  # nginx's page, not Django's JSON


def test_procfile_runs_web_worker_beat_and_release() -> None:
    processes = dict(
        line.split(":", 1)
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )

    assert set(processes) == {"release", "proxy", "web", "worker", "mailer", "beat"}
    assert processes["proxy"].strip().startswith("nginx ")
    assert "backend.serve" in processes["web"]
    assert "backend.asgi:application" in processes["web"]
    # daphne only on the loopback, behind nginx, believing no header on its own.
    assert "-b 127.0.0.1" in processes["web"]
    assert "--proxy-headers" not in processes["web"]
    assert "celery -A backend worker -Q celery " in processes["worker"]
    assert "celery -A backend worker -Q email " in processes["mailer"]
    assert "celery -A backend beat" in processes["beat"]
    # beat keeps its schedule under GATEHOUSE_VAR_DIR, which exists (settings create it).
    assert "${GATEHOUSE_VAR_DIR:-var}/celerybeat-schedule" in processes["beat"]
    assert "migrate" in processes["release"]
