"""Which events' staff dashboards need a fresh frame.

Anything that changes an event's figures marks the event here (a cache key, shared by every
process in the full stack); a periodic job publishes at most one ``stats`` frame per event
per second for the marked ones. The request that made the change pays one cache write, not
the dashboard's queries.
"""

from __future__ import annotations

import asyncio
import logging
import weakref

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from backend.realtime.redis import async_redis

DIRTY_SECONDS = 60
MARK_DELAY = 0.05  # seconds: how long a rush route's mark may trail its change

logger = logging.getLogger(__name__)
# Per event loop: the events with a mark scheduled on it.
_pending: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, set[str]] = (
    weakref.WeakKeyDictionary()
)


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
    """The same mark from the event loop (a rush route), coalesced per process: the first
    change of an event schedules one SET ``MARK_DELAY`` later, on the loop's own Redis client,
    and the changes until then are covered by it (each change is followed by a mark within
    ``MARK_DELAY``; a rush of holds costs a few SETs a second instead of one per hold)."""
    loop = asyncio.get_running_loop()
    pending = _pending.setdefault(loop, set())
    if event_slug in pending:
        return
    pending.add(event_slug)
    loop.call_later(MARK_DELAY, lambda: loop.create_task(_mark_later(pending, event_slug)))


async def _mark_later(pending: set[str], event_slug: str) -> None:
    pending.discard(event_slug)  # a change from now on schedules the next mark
    backend = caches["default"]
    try:
        if isinstance(backend, RedisCache):
            await async_redis().set(backend.make_key(_key(event_slug)), 1, ex=DIRTY_SECONDS)
        else:  # the embedded mode's cache lives in this process: no I/O
            backend.set(_key(event_slug), 1, DIRTY_SECONDS)
    except Exception:
        logger.exception("Could not mark the dashboard of %s", event_slug)
