"""Event reads: what guests see, and an event by its slug."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from backend.accounts import selectors as accounts_selectors
from backend.accounts.models import Role
from backend.inventory.models import Event, Resource

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


def events_listed() -> QuerySet[Event]:
    """What guests see: events on sale (and closed ones, for the record), soonest first."""
    return (
        Event.objects.exclude(status=Event.Status.DRAFT)
        .select_related("venue")
        .order_by("starts_at", "id")
    )


def event_find(*, slug: str, listed: bool = False) -> Event | None:
    """The event with this slug (``listed``: only one guests see, never a draft); the
    answer to accounts' ``find_event`` hook."""
    events = events_listed() if listed else Event.objects.select_related("venue")
    return events.filter(slug=slug).first()


def event_for(user: Principal, slug: str, role: str = Role.STAFF) -> Event:
    """The event named by ``slug`` if ``user`` holds ``role`` on it: 404 when there is no
    such event, 403 when it is another event's (``backend.accounts.selectors.event_for``)."""
    event = accounts_selectors.event_for(user, slug, role)
    assert isinstance(event, Event)
    return event


# What an event's answer shows beside it: its pictures, its venue's pictures and amenities.
EVENT_PICTURES = ("images", "venue__images", "venue__amenities")


def events_listed_with_pictures() -> QuerySet[Event]:
    """``events_listed`` with what the list shows of each (three queries more, however many)."""
    return events_listed().prefetch_related(*EVENT_PICTURES)


def event_with_resources(slug: str) -> Event | None:
    """A listed event with its pictures and its resources (each with its pictures and
    amenities)."""
    resources = Resource.objects.order_by(
        "sort_order", "section", "row", "number", "id"
    ).prefetch_related("images", "amenities")
    return (
        events_listed()
        .prefetch_related(
            Prefetch("resources", queryset=resources), "seat_sections", *EVENT_PICTURES
        )
        .filter(slug=slug)
        .first()
    )
