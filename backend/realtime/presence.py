"""Whether anyone watches a topic now, from any process: Redis's count of subscribers of the
topic's channel (every node's hub subscribes once per watched topic) in the full stack, the
process's own hubs in the embedded mode. The waiting room keeps a place whose client is on a
websocket (docs/waiting-room.md)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from backend.realtime.hub import local_hubs
from backend.realtime.redis import sync_redis
from backend.realtime.store import channel_of


def watched(topics: Sequence[str]) -> set[str]:
    """The topics among ``topics`` that some connection watches now."""
    if not topics:
        return set()
    if settings.REDIS_URL:
        counts = sync_redis().pubsub_numsub(*(channel_of(topic) for topic in topics))
        return {topic for topic, (_, n) in zip(topics, counts, strict=True) if n > 0}
    hubs = local_hubs()
    return {topic for topic in topics if any(each.watching(topic) for each in hubs)}
