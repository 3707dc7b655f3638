"""The Redis cache keeps one client per process, whatever context a request runs in."""

from __future__ import annotations

import pytest
from django.conf import settings

from backend.core.cache import SharedClientRedisCache

pytestmark = pytest.mark.redis


def test_two_cache_objects_share_one_client_and_pool() -> None:
    """Django builds a cache object per asyncio context, that is per request under daphne;
    they must all use one client and pool, not open a connection each."""
    first = SharedClientRedisCache(settings.REDIS_URL, {})
    second = SharedClientRedisCache(settings.REDIS_URL, {})

    first.set("gatehouse-test-shared", 1)

    assert first._cache is second._cache
    assert first._cache.get_client() is second._cache.get_client()
    assert second.get("gatehouse-test-shared") == 1
