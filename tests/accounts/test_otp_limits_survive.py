"""The per-phone OTP limits hold when Redis has lost its counts (a restart, a flush): they are
counted again from the requests PostgreSQL recorded. (On a real Redis restart:
tests/deploy/test_failures.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings

from backend.accounts.models import OtpRequest
from backend.accounts.services.otp import recorded_send_wait, send_limits
from backend.core import ratelimit

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+966512345678"
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


def at(seconds: float) -> Any:
    return time_machine.travel(T0 + timedelta(seconds=seconds), tick=False)


def request_code(api: Any, ip: str = "127.0.0.1") -> Any:
    return api.post(
        "/api/auth/otp/request/", {"phone": "0512345678"}, format="json", REMOTE_ADDR=ip
    )


def forget_the_counts(ip: str = "127.0.0.1") -> None:
    """What a Redis restart does to the limits."""
    ratelimit.clear(*send_limits(PHONE, ip))


def test_the_cooldown_survives(api: Any) -> None:
    with at(0):
        assert request_code(api).status_code == 200
    forget_the_counts()
    with at(20):
        refused = request_code(api)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert OtpRequest.objects.count() == 1
    with at(61):
        assert request_code(api).status_code == 200


def test_the_sends_per_window_survive(api: Any) -> None:
    window, per_window = settings.OTP_SEND_WINDOW_SECONDS, settings.OTP_SENDS_PER_WINDOW
    for n in range(per_window):
        with at(n * 61):
            assert request_code(api).status_code == 200
    forget_the_counts()
    with at(per_window * 61):
        refused = request_code(api)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == window - per_window * 61
    # Another address has an allowance of its own, as in Redis.
    with at(per_window * 61):
        assert request_code(api, ip="10.0.0.9").status_code == 200


def test_a_failed_send_costs_nothing_here_either() -> None:
    now = T0
    OtpRequest.objects.create(
        phone=PHONE, provider="console", status=OtpRequest.Status.FAILED,
        created_at=now, expires_at=now + timedelta(minutes=5), ip="127.0.0.1",
    )  # fmt: skip

    assert recorded_send_wait(PHONE, "127.0.0.1", now + timedelta(seconds=1)) == 0
