"""Which events' staff dashboards need a fresh frame.

Anything that changes an event's figures marks the event here (a cache key, shared by every
process in the full stack); a periodic job publishes at most one ``stats`` frame per event
per second for the marked ones. The request that made the change pays one cache write, not
the dashboard's queries.
"""

from __future__ import annotations

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from backend.realtime.redis import async_redis

DIRTY_SECONDS = 60


def _key(event_slug: str) -> str:
    return f"dashboard:dirty:{event_slug}"


def mark_dashboard_dirty(event_slug: str) -> None:
    cache.set(_key(event_slug), 1, DIRTY_SECONDS)


def take_dirty(event_slugs: list[str]) -> list[str]:
    """The marked events among these, unmarked as they are taken."""
    marked = cache.get_many([_key(slug) for slug in event_slugs])
    if marked:
        cache.delete_many(list(marked))
    return [slug for slug in event_slugs if _key(slug) in marked]


async def mark_dashboard_dirty_async(event_slug: str) -> None:
    """The same mark from the event loop (a rush route): one SET on the loop's own Redis
    client, under the cache's key, instead of a thread hop for the cache's sync client."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        await async_redis().set(backend.make_key(_key(event_slug)), 1, ex=DIRTY_SECONDS)
    else:  # the embedded mode's cache lives in this process: no I/O
        backend.set(_key(event_slug), 1, DIRTY_SECONDS)
