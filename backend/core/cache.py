"""Django's Redis cache, keeping one client per connection pool, one pool per process.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call;
in redis-py 8 that copies its whole table of response callbacks each time. Worse, Django
keeps its cache objects per asyncio context, and under daphne each request runs in a fresh
context: every request built a new cache, a new pool and a new TCP connection (13 % of the
CPU of a hold request in a profile). Here the client lives at process level, keyed by its
configuration. A ``redis.Redis`` is safe to share between threads: its pool hands out
connections.

Its connections retry a command that met a closed or refused connection (``RETRY``): after
a Redis restart every pooled connection is dead, and without it each one would fail one
request (a 500) before the pool replaced it.
"""

from __future__ import annotations

import threading
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

# Twice more, after 50 then 100 ms (ConnectionError and TimeoutError: Retry's default).
RETRY = Retry(ExponentialBackoff(cap=0.5, base=0.05), 2)

_clients: dict[str, SharedClientRedisCacheClient] = {}
_clients_lock = threading.Lock()


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._pool_options.setdefault("retry", RETRY)  # type: ignore[attr-defined]  # (private)

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's private attributes, which django-stubs leaves out
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._clients[index] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    @property
    def _cache(self) -> SharedClientRedisCacheClient:  # Django's is a per-object cached_property
        servers, options = self._servers, self._options  # type: ignore[attr-defined]  # (private)
        key = repr((servers, sorted(options.items())))
        client = _clients.get(key)
        if client is None:
            with _clients_lock:
                client = _clients.setdefault(key, self._class(servers, **options))
        return client
