"""GET /api/health/: real checks, and a real failure reported as 503 naming the culprit."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import httpx
import pytest
from django.test import Client

from backend.core import health
from tests.support.live import closed_port, embedded_env, live_server


@pytest.mark.django_db
def test_healthy_in_process() -> None:
    response = Client().get("/api/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["database"] == "ok"
    assert body["channel_layer"] == "ok"


@pytest.mark.slow
def test_embedded_server_is_healthy(tmp_path: Path) -> None:
    with live_server(embedded_env(tmp_path), tmp_path) as server:
        response = httpx.get(f"{server.url}/api/health/", timeout=10)

    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("ok", "mode", "database", "channel_layer")} == {
        "ok": True,
        "mode": "embedded",
        "database": "ok",
        "channel_layer": "ok",
    }
    assert set(body["periodic"]) == {
        "holds-sweep",
        "bookings-expire",
        "payment-actions",
        "webhooks-recover",
        "dashboards",
        "amendments",
        "waiting-room",
    }
    assert "redis" not in body
    assert "broker" not in body


@pytest.mark.slow
@pytest.mark.redis
def test_full_stack_server_checks_redis_and_the_broker(tmp_path: Path) -> None:
    env = {**embedded_env(tmp_path), "REDIS_URL": os.environ["REDIS_URL"]}
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    with live_server(env, tmp_path) as server:
        body = httpx.get(f"{server.url}/api/health/", timeout=10).json()

    assert body["ok"] is True
    assert body["redis"] == body["broker"] == body["channel_layer"] == "ok"


@pytest.mark.slow
def test_redis_on_a_closed_port_is_a_503_naming_redis(tmp_path: Path) -> None:
    env = {**embedded_env(tmp_path), "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"}
    with live_server(env, tmp_path) as server:
        response = httpx.get(f"{server.url}/api/health/", timeout=30)
        log = server.log()

    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == "unhealthy"
    assert "redis" in body["error"]["message"]
    assert body["database"] == "ok"
    # The answer is public: it says what failed, never why (addresses, driver messages)...
    assert body["redis"] == body["channel_layer"] == body["broker"] == "error"
    assert "refused" not in response.text.lower()
    assert "127.0.0.1" not in response.text
    # ...which the server's log tells.
    assert re.search(r"Health check redis failed: .*refused", log, re.IGNORECASE), log[-2000:]


def test_a_failing_check_answers_error_and_logs_why(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> str:
        raise ConnectionError("Error 111 connecting to 10.0.0.7:6379. Connection refused.")

    monkeypatch.setattr(
        health, "health_checks", lambda: {"database": lambda: "ok", "redis": broken}
    )

    with caplog.at_level(logging.WARNING, logger="backend.core.health"):
        healthy, results = health.run_health_checks()

    assert healthy is False
    assert results == {"database": "ok", "redis": "error"}
    assert "redis failed: ConnectionError: Error 111 connecting to 10.0.0.7:6379" in caplog.text
