"""Log lines as JSON (LOG_FORMAT=json): one object per line, with the request id, which
follows a request into the tasks it enqueues, in a real worker."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from django.test import Client

from backend.core import request_id
from backend.core.logs import JsonFormatter, RequestIdFilter
from tests.support.live import ROOT
from tests.support.observed_run import observed_processes


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the root logger writes, formatted as LOG_FORMAT=json formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_request_s_log_line_carries_its_id(json_lines: io.StringIO) -> None:
    answer = Client().get("/api/no-such-thing/", HTTP_X_REQUEST_ID="log-request-0001")
    assert answer.status_code == 404

    (line,) = [r for r in records(json_lines) if r["logger"] == "django.request"]
    assert line["message"] == "Not Found: /api/no-such-thing/"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "log-request-0001" == answer["X-Request-ID"]
    assert line["timestamp"].endswith("+00:00")
    assert line["status_code"] == 404  # Django's extra field
    assert "request" not in line  # the request object's repr is not


def test_a_line_outside_any_request_has_a_null_id_and_keeps_extra_fields(
    json_lines: io.StringIO,
) -> None:
    logging.getLogger("gatehouse.test").warning("counted %d", 3, extra={"slot": 7})
    (line,) = records(json_lines)
    assert line["message"] == "counted 3"
    assert line["request_id"] is None
    assert line["slot"] == 7
    assert set(line) == {"timestamp", "level", "logger", "message", "request_id", "slot"}


def test_an_exception_is_one_line_with_its_traceback(json_lines: io.StringIO) -> None:
    try:
        raise KeyError("missing")
    except KeyError:
        logging.getLogger("gatehouse.test").exception("it failed\non two lines")
    text = json_lines.getvalue()
    assert text.count("\n") == 1  # one line, however many the message and traceback have
    (line,) = records(json_lines)
    assert line["level"] == "ERROR"
    assert line["message"] == "it failed\non two lines"
    assert "Traceback (most recent call last)" in line["exc_info"]
    assert "KeyError: 'missing'" in line["exc_info"]


def log_format(**env: str) -> str:
    """settings.LOG_FORMAT in a fresh process with these variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LOG_"))}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.LOG_FORMAT)"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "backend.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_json_is_the_default_outside_debug_and_text_in_it(tmp_path: Path) -> None:
    production = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.com",
        "GATEHOUSE_VAR_DIR": str(tmp_path),
    }
    assert log_format(**production) == "json"
    assert log_format(**production, LOG_FORMAT="text") == "text"
    assert log_format(DJANGO_DEBUG="1", GATEHOUSE_VAR_DIR=str(tmp_path)) == "text"
    assert log_format(DJANGO_DEBUG="1", LOG_FORMAT="JSON", GATEHOUSE_VAR_DIR=str(tmp_path)) == (
        "json"
    )
    assert "LOG_FORMAT must be 'text' or 'json'" in log_format(
        DJANGO_DEBUG="1", LOG_FORMAT="xml", GATEHOUSE_VAR_DIR=str(tmp_path)
    )


def json_records(text: str) -> list[dict[str, Any]]:
    """Every line of a process's output that is a log record; asserts no other line is."""
    found = []
    for line in text.splitlines():
        if line.startswith("{"):
            found.append(json.loads(line))
        else:
            assert not line.startswith(("INFO", "WARNING", "ERROR", "[20")), line
    return found


async def websocket_handshake(ws_url: str, origin: str) -> Any:
    """The headers of a websocket handshake's answer."""
    async with websockets.connect(ws_url, origin=origin, open_timeout=10) as ws:
        assert ws.response is not None
        return ws.response.headers


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_request_s_id_follows_it_into_a_real_worker(tmp_path: Path) -> None:
    """uvicorn (make stack's server) with its access log: its lines are JSON too, and a
    websocket handshake's answer carries an id (daphne drops the acceptance's headers)."""
    with observed_processes(
        tmp_path, LOG_FORMAT="json", WEB_SERVER="uvicorn", ACCESS_LOG="1"
    ) as running:
        answer = httpx.get(
            f"{running.server.url}/api/test/enqueue/",
            headers={"X-Request-ID": "follow-me-000001"},
        )
        assert answer.status_code == 200
        assert answer.headers["X-Request-ID"] == "follow-me-000001"
        handshake = asyncio.run(websocket_handshake(running.server.ws_url, running.server.url))
        assert request_id.PATTERN.fullmatch(handshake.get("X-Request-ID", ""))
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            worker = json_records(running.worker_log.read_text(errors="replace"))
            if any(r["message"] == "task ran" for r in worker):
                break
            time.sleep(0.1)
        server = json_records(running.server.log())

    (access,) = [r for r in server if "GET /api/test/enqueue/" in r["message"]]
    assert access["logger"] == "uvicorn.access"
    assert access["request_id"] == "follow-me-000001"
    (enqueueing,) = [r for r in server if r["message"] == "enqueueing"]
    assert enqueueing["request_id"] == "follow-me-000001"
    assert enqueueing["logger"] == "tests.observed"
    ran = [r for r in worker if r["message"] == "task ran"]
    assert len(ran) == 1, running.worker_log.read_text()[-3000:]
    assert ran[0]["request_id"] == "follow-me-000001"
    # Celery's own line for the task carries it too; the worker's start-up lines have none.
    succeeded = [r for r in worker if "succeeded" in r["message"]]
    assert [r["request_id"] for r in succeeded] == ["follow-me-000001"]
    assert any(r["request_id"] is None and r["logger"].startswith("celery") for r in worker)
