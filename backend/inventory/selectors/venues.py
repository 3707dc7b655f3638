"""A venue's public page: where it is, how to reach it, when it is open, what it looks like."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch

from backend.inventory.models import Event, Venue
from backend.inventory.selectors.events import events_listed


def venue_page(venue_id: int) -> Venue | None:
    """The venue with its opening hours, images and listed events, or None when there is no
    such venue or none of its events is listed (a venue only drafts use is not public yet)."""
    listed = events_listed().filter(venue=OuterRef("pk"))
    return (
        Venue.objects.filter(pk=venue_id)
        .filter(Exists(listed))
        .prefetch_related(
            "opening_hours",
            "images",
            "amenities",
            Prefetch(
                "events",
                queryset=Event.objects.exclude(status=Event.Status.DRAFT).order_by(
                    "starts_at", "id"
                ),
                to_attr="listed_events",
            ),
        )
        .first()
    )
