"""The staff's live dashboard of an event: sold, held, available, checked in per gate, and
scans per minute; published at most once a second per event, only when something changed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import TruncMinute
from django.utils import timezone

from backend.checkin.models import Gate, Scan
from backend.inventory.models import Event, Slot
from backend.inventory.selectors import expired_units
from backend.realtime import publish
from backend.realtime.dashboard import take_dirty
from backend.realtime.topics import DASHBOARD

MINUTES_SHOWN = 15


def dashboard_stats(event: Event, *, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    slots = Slot.objects.filter(resource__event=event, ends_at__gt=now)
    totals = slots.aggregate(capacity=Sum("capacity"), sold=Sum("sold"), held=Sum("held"))
    capacity, sold, held = (totals[k] or 0 for k in ("capacity", "sold", "held"))
    stale = expired_units(now=now, event=event)  # almost always empty
    if stale:
        live = set(slots.filter(id__in=list(stale)).values_list("id", flat=True))
        expired = sum(units for slot_id, units in stale.items() if slot_id in live)
    else:
        expired = 0
    gates = Gate.objects.filter(event=event).order_by("name")
    since = (now - timedelta(minutes=MINUTES_SHOWN)).replace(second=0, microsecond=0)
    per_minute = dict(
        Scan.objects.filter(gate__event=event, scanned_at__gte=since)
        .annotate(minute=TruncMinute("scanned_at"))
        .values("minute")
        .annotate(scans=Count("id"))
        .values_list("minute", "scans")
    )
    minutes = [since + timedelta(minutes=n) for n in range(MINUTES_SHOWN + 1)]
    return {
        "sold": sold,
        "held": held - expired,
        "available": capacity - sold - held + expired,
        "checked_in": [{"gate": g.pk, "name": g.name, "admitted": g.admitted_count} for g in gates],
        "scans_per_minute": [
            {
                "minute": minute.isoformat().replace("+00:00", "Z"),
                "scans": per_minute.get(minute, 0),
            }
            for minute in minutes
        ],
        "server_time": now.isoformat().replace("+00:00", "Z"),
    }


def dashboards_publish(*, now: datetime | None = None) -> int:
    """The periodic job: a ``stats`` frame for each event whose figures changed."""
    live = list(Event.objects.exclude(status=Event.Status.DRAFT).values_list("slug", flat=True))
    dirty = take_dirty(live)
    for event in Event.objects.filter(slug__in=dirty):
        publish(DASHBOARD.name(slug=event.slug), "stats", dashboard_stats(event, now=now))
    return len(dirty)
