"""The full stack's path: the code goes through the Redis broker to a real Celery worker."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker

from backend.celery import app as celery_app

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True), pytest.mark.slow]


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_worker_sends_the_code_through_the_broker(api: Any) -> None:
    # The worker re-configures the root logger, so listen on the SMS logger itself.
    sms_log, handler = logging.getLogger("gatehouse.sms"), Lines()
    sms_log.addHandler(handler)
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            answer = api.post("/api/auth/otp/request/", {"phone": "0512345678"}, format="json")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not handler.lines:
                time.sleep(0.05)
    finally:
        sms_log.removeHandler(handler)

    assert answer.status_code == 200
    assert len(handler.lines) == 1
    assert handler.lines[0].startswith("OTP +966512345678 ")
