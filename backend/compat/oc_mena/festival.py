"""Which of Gatehouse's events the OC MENA clients see: they know one festival only."""

from __future__ import annotations

from django.utils import timezone

from backend.inventory.models import Event
from backend.inventory.selectors.events import events_listed


def festival_slug() -> str:
    """The listed festival that has not ended yet and starts soonest (else the one that ended
    last); "" when there is none, which the native views answer with their 404."""
    festivals = events_listed().filter(kind=Event.Kind.FESTIVAL)
    coming = festivals.filter(ends_at__gt=timezone.now()).order_by("starts_at", "id").first()
    event = coming or festivals.order_by("-ends_at", "-id").first()
    return event.slug if event is not None else ""
