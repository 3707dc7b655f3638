"""Redis clients for the realtime core, one per event loop (asyncio clients are loop-bound)."""

from __future__ import annotations

import asyncio
import weakref

import redis
import redis.asyncio
from django.conf import settings
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff

_async_clients: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[str, redis.asyncio.Redis]
] = weakref.WeakKeyDictionary()


def async_redis() -> redis.asyncio.Redis:
    """The asyncio client of the running loop, made on first use."""
    loop = asyncio.get_running_loop()
    clients = _async_clients.setdefault(loop, {})
    client = clients.get(settings.REDIS_URL)
    if client is None:
        # A blocking pool: past max_connections a command waits for a free connection
        # (up to the timeout) instead of failing at once. A command that meets a closed or
        # refused connection is sent again on a new one, twice at most (50, 100 ms apart):
        # after a Redis restart every pooled connection is dead, and each would otherwise
        # fail one command (a subscribe, a publish) before the pool replaced it.
        pool = redis.asyncio.BlockingConnectionPool.from_url(
            settings.REDIS_URL,
            max_connections=settings.REDIS_MAX_CONNECTIONS,
            timeout=10,
            socket_connect_timeout=5,
            health_check_interval=30,
            retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), 2),
        )
        client = clients[settings.REDIS_URL] = redis.asyncio.Redis(connection_pool=pool)
    return client


_sync_clients: dict[tuple[str, float], redis.Redis] = {}


def sync_redis(timeout: float = 5.0) -> redis.Redis:
    """The process's blocking client for REDIS_URL, with a connection pool (fork-safe).

    Callers share it and must not close it.
    """
    key = (settings.REDIS_URL, timeout)
    client = _sync_clients.get(key)
    if client is None:
        client = _sync_clients[key] = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_connect_timeout=timeout,
            socket_timeout=timeout,
            max_connections=settings.REDIS_MAX_CONNECTIONS,
        )
    return client
