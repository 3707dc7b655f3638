"""GET /api/health/: real checks, and a real failure reported as 503 naming the culprit."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from django.test import Client

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
        "dashboards",
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

    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == "unhealthy"
    assert "redis" in body["error"]["message"]
    assert body["redis"].startswith("error: ")
    assert "refused" in body["redis"].lower()
    assert body["database"] == "ok"
    assert body["channel_layer"].startswith("error")
    assert body["broker"].startswith("error")
