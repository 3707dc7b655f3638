"""Errors reach Sentry from the web server and the worker, with the request id and without
secrets; a client's mistake never does. The processes are real (a web server and a Celery
worker with SENTRY_DSN), the Sentry is a fake ingest server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.core import sentry
from tests.support import observed
from tests.support.fake_sentry import FakeSentry, parse_envelope
from tests.support.live import ROOT, SERVICE_VARIABLES, closed_port
from tests.support.observed_run import Observed, observed_processes

SECRETS = (observed.TOKEN, observed.OTP, observed.SIGNATURE, "Bearer tok_")


def assert_no_secrets(event: dict[str, Any]) -> None:
    text = json.dumps(event)
    for secret in SECRETS:
        assert secret not in text, (secret, text[:3000])


# --- the scrubber, on its own ------------------------------------------------------------


def test_scrub_filters_secret_keys_and_tokens_in_strings() -> None:
    event: dict[str, Any] = {
        "request": {
            "url": "http://x/api/tickets/links/abcDEF123/",
            "query_string": "token=abc&page=2",
            "headers": {
                "Authorization": "Bearer eyJhbGciOi.eyJzdWIi.sig",
                "Stripe-Signature": "t=1,v1=abc",
                "Calendly-Webhook-Signature": "t=1,v1=def",
                "X-Razorpay-Signature": "ghi",
                "Accept": "application/json",
            },
        },
        "breadcrumbs": {"values": [{"message": "GET /t/tok123 done", "data": {"otp": "1234"}}]},
        "exception": {
            "values": [
                {
                    "value": "failed for ?token=tok123&x=1 with Bearer abc.def",
                    "stacktrace": {
                        "frames": [
                            {"in_app": False, "vars": {"args": "('tok123',)"}},
                            {
                                "in_app": True,
                                "vars": {"code": "'8642'", "refresh_token": "'r'", "n": 3},
                            },
                        ]
                    },
                }
            ]
        },
        "extra": {
            "celery-job": {
                "task_name": "accounts.send_code",
                "args": ["http://x/t/zzz9"],
                "kwargs": {"phone": "+9665"},
            }
        },
        "sdk": {"name": "sentry.python", "packages": [{"name": "tokenizers"}]},
    }

    sentry.before_send(event, {})

    request = event["request"]
    assert request["url"] == "http://x/api/tickets/links/[Filtered]/"
    assert request["query_string"] == "token=[Filtered]&page=2"
    headers = request["headers"]
    assert headers["Authorization"] == "[Filtered]"
    assert headers["Stripe-Signature"] == "[Filtered]"
    assert headers["Calendly-Webhook-Signature"] == "[Filtered]"
    assert headers["X-Razorpay-Signature"] == "[Filtered]"
    assert headers["Accept"] == "application/json"
    crumb = event["breadcrumbs"]["values"][0]
    assert crumb == {"message": "GET /t/[Filtered] done", "data": {"otp": "[Filtered]"}}
    exception = event["exception"]["values"][0]
    assert exception["value"] == "failed for ?token=[Filtered]&x=1 with Bearer [Filtered]"
    assert exception["stacktrace"]["frames"][0]["vars"] == {}  # a library's frame
    assert exception["stacktrace"]["frames"][1]["vars"] == {
        "code": "[Filtered]",
        "refresh_token": "[Filtered]",
        "n": 3,
    }
    assert event["extra"]["celery-job"] == {
        "task_name": "accounts.send_code",
        "args": "[Filtered]",
        "kwargs": "[Filtered]",
    }
    assert event["sdk"]["packages"] == [{"name": "tokenizers"}]  # left alone


def test_the_fake_reads_envelopes_with_and_without_lengths() -> None:
    body = (
        b'{"event_id":"e1"}\n'
        b'{"type":"event","length":13}\n{"a":"b\\nc"}\n'
        b'{"type":"client_report"}\n{"x":1}\n'
    )
    headers, items = parse_envelope(body)
    assert headers == {"event_id": "e1"}
    assert [(i.type, i.json()) for i in items] == [
        ("event", {"a": "b\nc"}),
        ("client_report", {"x": 1}),
    ]


# --- the real processes ------------------------------------------------------------------


@pytest.fixture
def processes(tmp_path: Path, transactional_db: None) -> Iterator[tuple[Observed, FakeSentry]]:
    with (
        FakeSentry() as fake,
        observed_processes(
            tmp_path, SENTRY_DSN=fake.dsn, SENTRY_ENVIRONMENT="test", LOG_FORMAT="json"
        ) as running,
    ):
        yield running, fake


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
def test_errors_in_the_server_and_the_worker_reach_sentry(
    processes: tuple[Observed, FakeSentry],
) -> None:
    running, fake = processes
    url = running.server.url

    # Client mistakes first: none of them is an event.
    assert httpx.get(f"{url}/api/no-such-thing/").status_code == 404
    assert httpx.post(f"{url}/api/auth/otp/request/", json={}).status_code == 400
    assert httpx.get(f"{url}/api/health/", headers={"Host": "evil.example"}).status_code == 400
    bad_token = {"Authorization": "Bearer not-a-token"}
    assert httpx.get(f"{url}/api/auth/me/", headers=bad_token).status_code == 401
    assert httpx.get(f"{url}/api/staff/audit/").status_code in (401, 403)
    assert httpx.delete(f"{url}/api/health/").status_code == 405

    # A DRF view's bug: a 500 in the error shape, with its id, and one event.
    answer = httpx.get(
        f"{url}/api/test/crash/",
        headers={"X-Request-ID": "crash-request-0001", "Authorization": f"Bearer {observed.TOKEN}"},
        cookies={"sessionid": observed.TOKEN},
    )
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "server_error"
    assert answer.headers["X-Request-ID"] == "crash-request-0001"
    events = fake.wait_for_events(1)
    assert len(events) == 1, events
    crash = events[0]
    assert crash["tags"]["request_id"] == "crash-request-0001"
    assert crash["environment"] == "test"
    assert crash["exception"]["values"][-1]["type"] == "RuntimeError"
    assert_no_secrets(crash)

    # A plain Django view's bug: the same.
    answer = httpx.get(f"{url}/api/test/crash-plain/", headers={"X-Request-ID": "bad id!"})
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "server_error"
    made = answer.headers["X-Request-ID"]  # the client's was no id: replaced
    assert made != "bad id!"
    assert len(made) == 32
    events = fake.wait_for_events(2)
    time.sleep(0.5)  # a duplicate (Django's log record of the same error) would come now
    events = fake.events()
    assert len(events) == 2, [e["exception"]["values"][-1]["value"] for e in events]
    assert events[1]["tags"]["request_id"] == made
    assert events[1]["exception"]["values"][-1]["type"] == "ValueError"
    assert_no_secrets(events[1])

    # A task enqueued by a request fails in the worker: one event, with the request's id.
    answer = httpx.get(
        f"{url}/api/test/enqueue/?fail=1", headers={"X-Request-ID": "enqueue-request-0001"}
    )
    assert answer.status_code == 200
    events = fake.wait_for_events(3, timeout=15)
    assert len(events) == 3, running.worker_log.read_text()[-3000:]
    failed = events[2]
    assert failed["exception"]["values"][-1]["type"] == "RuntimeError"
    assert failed["tags"]["request_id"] == "enqueue-request-0001"
    assert failed["tags"].get("celery_task_id")
    assert_no_secrets(failed)

    assert not fake.rejected
    assert {e.auth.split("sentry_key=")[1].split(",")[0] for e in fake.envelopes} == {
        "0123456789abcdef0123456789abcdef"
    }


@pytest.mark.slow
def test_an_error_in_beat_reaches_sentry(tmp_path: Path) -> None:
    """Beat logs an ERROR when it cannot reach the broker: that record is an event."""
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="backend.settings",
        DJANGO_DEBUG="1",
        GATEHOUSE_VAR_DIR=str(tmp_path),
        CELERY_BROKER_URL=f"redis://127.0.0.1:{closed_port()}/0",
        LOG_FORMAT="json",
    )
    command = [sys.executable, "-m", "celery", "-A", "backend", "beat"]
    with FakeSentry() as fake, (tmp_path / "beat.log").open("wb") as log:
        beat = subprocess.Popen(
            [*command, "--schedule", str(tmp_path / "schedule")],
            cwd=ROOT,
            env={**env, "SENTRY_DSN": fake.dsn},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            events = fake.wait_for_events(1, timeout=30)
        finally:
            beat.terminate()
            beat.wait(15)

    assert events, (tmp_path / "beat.log").read_text()[-3000:]
    assert events[0]["logger"] == "celery.beat"
    assert "Connection error" in events[0]["logentry"]["formatted"]
    assert "request_id" not in events[0].get("tags", {})  # beat serves no request
