"""WEB_SERVER=uvicorn keeps the gateway's promises over a real process and a real client: the
same tests as tests/consumers/test_gateway_live.py (daphne), among them the slow client closed
with 4008 (uvicorn's websocket waits for the transport to drain, where backend.serve gives
daphne a push producer) and a slow client not holding up the others."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from tests.consumers.test_gateway_live import (
    test_a_client_that_stops_reading_is_closed_with_4008,
    test_a_foreign_or_missing_origin_is_refused,
    test_a_slow_client_does_not_hold_up_the_others,
    test_frames_arrive_numbered_without_gaps,
    test_ping_pong,
)
from tests.support.live import LiveServer, embedded_env, live_server

pytestmark = pytest.mark.slow

__all__ = [
    "test_a_client_that_stops_reading_is_closed_with_4008",
    "test_a_foreign_or_missing_origin_is_refused",
    "test_a_slow_client_does_not_hold_up_the_others",
    "test_frames_arrive_numbered_without_gaps",
    "test_ping_pong",
]


@pytest.fixture(scope="module", params=["embedded", pytest.param("redis", marks=pytest.mark.redis)])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    var_dir = tmp_path_factory.mktemp(f"uvicorn-{request.param}")
    env = {**embedded_env(var_dir), "WEB_SERVER": "uvicorn"}
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.skip("needs Redis (set REDIS_URL)")
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    with live_server(env, var_dir, app="tests.support.live_app:application") as running:
        # uvicorn indeed: daphne names itself in a Server header, uvicorn here sends none.
        answer = httpx.get(f"{running.url}/api/health/", timeout=10)
        assert "server" not in answer.headers, answer.headers
        yield running
