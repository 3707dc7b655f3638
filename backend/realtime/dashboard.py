"""Which events' staff dashboards need a fresh frame.

Anything that changes an event's figures marks the event here (a cache key, shared by every
process in the full stack); a periodic job publishes at most one ``stats`` frame per event
per second for the marked ones. The request that made the change pays one cache write, not
the dashboard's queries.
"""

from __future__ import annotations

from django.core.cache import cache

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
