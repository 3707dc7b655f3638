"""The staff's live dashboards: a ``stats`` frame per changed event, at most once a second
(the periodic job ``checkin.dashboards``)."""

from __future__ import annotations

from datetime import datetime

from backend.checkin.selectors import dashboard_stats
from backend.inventory.models import Event
from backend.realtime import publish
from backend.realtime.dashboard import take_dirty
from backend.realtime.topics import DASHBOARD


def dashboards_publish(*, now: datetime | None = None) -> int:
    """The periodic job: a ``stats`` frame for each event whose figures changed."""
    live = list(Event.objects.exclude(status=Event.Status.DRAFT).values_list("slug", flat=True))
    dirty = take_dirty(live)
    for event in Event.objects.filter(slug__in=dirty):
        publish(DASHBOARD.name(slug=event.slug), "stats", dashboard_stats(event, now=now))
    return len(dirty)
