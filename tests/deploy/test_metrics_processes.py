"""One scrape of ``/metrics`` through nginx counts every web process of the node.

The Procfile's web process with WEB_PROCESSES=2 behind the real nginx, as `make stack` runs
it: prometheus_client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR under the var dir). A
burst of requests is spread over both processes by nginx; whichever process answers the
scrape, it reports them all, and the directory shows that both processes counted.
"""

from __future__ import annotations

import os
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.deploy.test_client_address import procfile_command
from tests.deploy.test_web_processes import (
    children,
    consecutive_free_ports,
    csrf,
    empty_database,
    health,
    listening_port,
    wait_until,
)
from tests.support.live import live_server
from tests.support.nginx import nginx_over, readable_dir

TOKEN = uuid.uuid4().hex


def counted(url: str, route: str) -> tuple[float, int]:
    """(requests of ``route`` in one scrape through nginx, the scrape's status)."""
    answer = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    if answer.status_code != 200:
        return 0.0, answer.status_code
    total = 0.0
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            if (
                sample.name == "gatehouse_http_request_duration_seconds_count"
                and sample.labels.get("route") == route
            ):
                total += sample.value
    return total, 200


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
def test_one_scrape_counts_the_requests_of_both_processes(tmp_path: Path) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL)")
    web_port = consecutive_free_ports()
    ports = [web_port, web_port + 1]
    web = readable_dir("gatehouse-web-")
    (web / "index.html").write_text("<!doctype html><title>Gatehouse app</title>")
    with empty_database() as database_url:
        env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("DJANGO_SETTINGS_MODULE", "PROMETHEUS_MULTIPROC_DIR")
            },
            "DJANGO_SETTINGS_MODULE": "backend.settings",
            "DATABASE_URL": database_url,
            "GATEHOUSE_VAR_DIR": str(tmp_path),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "TRUSTED_PROXIES": "127.0.0.1",
            "METRICS_TOKEN": TOKEN,
            "WEB_PORT": str(web_port),
            "WEB_PROCESSES": "2",
            "WEB_SERVER": "uvicorn",
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",  # the venv's python
        }
        with (
            live_server(env, tmp_path, command=procfile_command("web"), port=web_port) as sup,
            nginx_over(ports, web_root=web) as url,
        ):
            wait_until(lambda: health(f"http://127.0.0.1:{ports[1]}") == 200, 60, "no 2nd")
            pids = sorted(children(sup.process.pid))
            assert sorted(listening_port(pid) for pid in pids) == ports
            before, status = counted(url, "/api/auth/csrf/")
            assert status == 200

            with ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda _n: csrf(url), range(80)))
            scrapes = [counted(url, "/api/auth/csrf/") for _ in range(4)]
            # Straight to each process: the same total from either.
            direct = [counted(f"http://127.0.0.1:{port}", "/api/auth/csrf/") for port in ports]
            anonymous = httpx.get(f"{url}/metrics", timeout=10)
            written = {path.name for path in (tmp_path / "prometheus").iterdir()}

    assert statuses == [200] * 80
    assert [total - before for total, _status in scrapes] == [80.0] * 4
    assert [total - before for total, _status in direct] == [80.0, 80.0]
    assert anonymous.status_code == 401
    # Both processes counted requests (each writes its own file, by pid).
    assert {f"histogram_{pid}.db" for pid in pids} <= written, written
