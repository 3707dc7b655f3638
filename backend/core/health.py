"""Health checks: each returns ``"ok"`` or raises; the answer says only ``"error"``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Callable

from asgiref.sync import async_to_sync
from celery import current_app
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

from backend.core.periodic import seconds_since_last_runs
from backend.realtime.redis import sync_redis

logger = logging.getLogger(__name__)
CHECK_TIMEOUT = 3.0


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


async def _layer_round_trip(wait: float) -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("CHANNEL_LAYERS has no default layer")
    # Channels' base class takes no prefix; the layers we run (local, redis) do.
    channel = await layer.new_channel(prefix="health.")  # type: ignore[call-arg]
    nonce = secrets.token_hex(8)
    await asyncio.wait_for(layer.send(channel, {"type": "health.ping", "nonce": nonce}), wait)
    message = await asyncio.wait_for(layer.receive(channel), wait)
    if message.get("nonce") != nonce:
        raise RuntimeError("the channel layer returned someone else's message")
    # A cancelled receive is how a layer learns that a channel is gone (it unsubscribes).
    leftover = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0)
    leftover.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await leftover


def check_channel_layer() -> str:
    """A real send and receive through the configured channel layer."""
    async_to_sync(_layer_round_trip)(CHECK_TIMEOUT)
    return "ok"


def check_redis() -> str:
    sync_redis(timeout=CHECK_TIMEOUT).ping()
    return "ok"


def check_broker() -> str:
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=CHECK_TIMEOUT)
    return "ok"


def health_checks() -> dict[str, Callable[[], str]]:
    """The checks that apply to this process's mode."""
    checks: dict[str, Callable[[], str]] = {
        "database": check_database,
        "channel_layer": check_channel_layer,
    }
    if settings.REDIS_URL:
        checks["redis"] = check_redis
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = check_broker
    return checks


def describe(error: BaseException) -> str:
    """``<type>: <message>``, for the log; redis-py 8 keeps its message in args, not str()."""
    message = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
    return f"{type(error).__name__}: {message or 'timed out'}"[:300]


def run_health_checks() -> tuple[bool, dict[str, str]]:
    """Each check's ``"ok"`` or ``"error"``. The endpoint is public, so what failed and why
    (addresses, hosts, driver messages) goes to the log, never into the answer."""
    results: dict[str, str] = {}
    for name, check in health_checks().items():
        try:
            results[name] = check()
        except Exception as error:  # a health check reports failures, it does not raise
            logger.warning("Health check %s failed: %s", name, describe(error))
            results[name] = "error"
    return all(value == "ok" for value in results.values()), results


def periodic_report() -> dict[str, float | None]:
    """Seconds since each periodic job last ran; never fails the health check (the web
    process stays useful while beat restarts), but shows a stalled sweeper at once."""
    try:
        return seconds_since_last_runs()
    except Exception:  # the cache itself is down: the redis check says so
        return {}
