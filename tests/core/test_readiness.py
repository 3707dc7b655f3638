"""/api/health/live/ and /api/health/ready/: liveness checks nothing, readiness checks the
dependencies and whether the node is stopping (backend.core.lifecycle)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from backend.core import health, lifecycle


@pytest.fixture
def stopping() -> Iterator[None]:
    lifecycle._stopping.set()
    yield
    lifecycle._stopping.clear()


def broken() -> str:
    raise ConnectionError("Error 111 connecting to 10.0.0.7:5432. Connection refused.")


def test_live_checks_no_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "health_checks", lambda: {"database": broken})

    response = Client().get("/api/health/live/")

    assert response.status_code == 200
    assert response.json() == {"ok": True}


@pytest.mark.django_db
def test_ready_when_every_dependency_answers() -> None:
    response = Client().get("/api/health/ready/")

    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["shutting_down"] is False
    assert body["database"] == "ok"
    assert body["channel_layer"] == "ok"


def test_not_ready_when_a_dependency_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        health, "health_checks", lambda: {"database": broken, "channel_layer": lambda: "ok"}
    )

    response = Client().get("/api/health/ready/")

    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["error"] == {"code": "unhealthy", "message": "Failing: database."}
    assert body["database"] == "error"
    assert "10.0.0.7" not in response.content.decode()


def test_not_ready_while_shutting_down_but_still_alive(
    stopping: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "health_checks", lambda: {"database": lambda: "ok"})

    ready = Client().get("/api/health/ready/")
    live = Client().get("/api/health/live/")

    assert ready.status_code == 503
    assert ready.json()["error"]["code"] == "shutting_down"
    assert ready.json()["shutting_down"] is True
    assert live.status_code == 200


def test_the_schema_documents_both() -> None:
    schema = Client().get("/api/schema/?format=json").json()

    for path in ("/api/health/live/", "/api/health/ready/"):
        answers = schema["paths"][path]["get"]["responses"]
        assert "200" in answers
        assert answers["200"]["content"]["application/json"].get("examples"), path
    assert "503" in schema["paths"]["/api/health/ready/"]["get"]["responses"]
