"""Reading an event's public pages: the page with its map, the sponsors in display order, the
schedule (also the ``event:{slug}:schedule`` topic's snapshot), and, for its staff, the
rows they may change and the messages visitors sent.

Every public answer is built here as plain JSON values (times as ISO 8601 text in UTC), so
the REST answer, the topic's snapshot and its change frames are the same items.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from backend.accounts.models import Role, RoleGrant
from backend.accounts.roles import GRANTED_BY, where_may
from backend.content.models import (
    TIER_RANK,
    ContactMessage,
    ContentImage,
    EventContent,
    Performance,
    Sponsor,
    Stage,
)
from backend.core.errors import NotFound
from backend.core.images import image_url
from backend.inventory.models import Event
from backend.inventory.selectors.events import events_listed
from backend.realtime.snapshots import FilterError, TopicGone
from backend.vendors.selectors import booths_on_map

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


def iso(moment: datetime) -> str:
    """A moment as the API writes it: ISO 8601 in UTC with a ``Z``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def public_event(slug: str) -> Event:
    """The event guests may see (never a draft), or a 404."""
    event = events_listed().filter(slug=slug).first()
    if event is None:
        raise NotFound(f"There is no event {slug!r}.")
    return event


def event_zone(event: Event) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(event.venue.time_zone)


# --- the page --------------------------------------------------------------------------------


def content_of(event: Event) -> EventContent | None:
    return EventContent.objects.filter(event=event).first()


def _stage_on_map(stage: Stage) -> dict[str, Any]:
    return {"id": stage.pk, "name": stage.name, "name_ar": stage.name_ar, "x": stage.x,
            "y": stage.y}  # fmt: skip


def page_content(event: Event) -> dict[str, Any]:
    """``GET /api/events/{slug}/content/``: the page, its map with the stages and the
    vendors' booths; an event nobody wrote a page for has the same shape, empty."""
    content = content_of(event)
    images: Iterable[ContentImage] = content.images.all() if content else []
    return {
        "event": event.slug,
        **page_content_text(content),
        "images": [
            {"id": i.pk, "url": image_url(i.image), "alt": i.alt, "alt_ar": i.alt_ar}
            for i in images
        ],
        "map": {
            "image": image_url(content.map_image) if content else None,
            "stages": [_stage_on_map(stage) for stage in Stage.objects.filter(event=event)],
            "booths": booths_on_map(event),
        },
    }


def staff_content(event: Event) -> dict[str, Any]:
    """``GET /api/staff/content/?event=``: the page as staff edit it (with sort orders)."""
    content = content_of(event)
    images = content.images.all() if content else []
    page = page_content_text(content)
    return {
        "event": event.slug,
        **page,
        "images": [image_data(image) for image in images],
        "map_image": image_url(content.map_image) if content else None,
        "updated_at": iso(content.updated_at) if content else None,
    }


def page_content_text(content: EventContent | None) -> dict[str, Any]:
    """The texts, FAQ and links (what ``PATCH /api/staff/content/`` replaces)."""
    return {
        "tagline": content.tagline if content else "",
        "tagline_ar": content.tagline_ar if content else "",
        "description": content.description if content else "",
        "description_ar": content.description_ar if content else "",
        "faq": [
            {
                "id": f.pk,
                "question": f.question,
                "question_ar": f.question_ar,
                "answer": f.answer,
                "answer_ar": f.answer_ar,
            }
            for f in (content.faq.all() if content else [])
        ],
        "links": [
            {"id": link.pk, "label": link.label, "label_ar": link.label_ar, "url": link.url}
            for link in (content.links.all() if content else [])
        ],
    }


def image_data(image: ContentImage) -> dict[str, Any]:
    return {"id": image.pk, "url": image_url(image.image), "alt": image.alt,
            "alt_ar": image.alt_ar, "sort_order": image.sort_order}  # fmt: skip


# --- sponsors --------------------------------------------------------------------------------

_TIER_RANK = Case(
    *(When(tier=tier, then=Value(rank)) for tier, rank in TIER_RANK.items()),
    default=Value(len(TIER_RANK)),
    output_field=IntegerField(),
)


def sponsors_in_order(event: Event) -> QuerySet[Sponsor]:
    """Title sponsors first, then platinum … partner; within a tier by sort order, name."""
    return (
        Sponsor.objects.filter(event=event)
        .annotate(tier_rank=_TIER_RANK)
        .order_by("tier_rank", "sort_order", "name", "id")
    )


def sponsor_data(sponsor: Sponsor) -> dict[str, Any]:
    return {"id": sponsor.pk, "name": sponsor.name, "tier": sponsor.tier,
            "logo": image_url(sponsor.logo), "url": sponsor.url}  # fmt: skip


def sponsors_of(event: Event) -> list[dict[str, Any]]:
    """``GET /api/events/{slug}/sponsors/``."""
    return [sponsor_data(sponsor) for sponsor in sponsors_in_order(event)]


def staff_sponsor_data(sponsor: Sponsor) -> dict[str, Any]:
    return {**sponsor_data(sponsor), "sort_order": sponsor.sort_order}


# --- the schedule ----------------------------------------------------------------------------


def performances(event: Event) -> QuerySet[Performance]:
    return (
        Performance.objects.filter(stage__event=event)
        .select_related("stage")
        .order_by("starts_at", "stage__sort_order", "stage__name", "stage_id", "id")
    )


def day_bounds(event: Event, day: date) -> tuple[datetime, datetime]:
    """The day in the event venue's time zone, as a half-open range of moments."""
    zone = event_zone(event)
    start = datetime.combine(day, time.min, zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, zone)


def schedule_item(performance: Performance) -> dict[str, Any]:
    """One performance as the schedule, its topic and its change frames show it."""
    stage = performance.stage
    return {
        "id": performance.pk,
        "title": performance.title,
        "title_ar": performance.title_ar,
        "stage": {"id": stage.pk, "name": stage.name, "name_ar": stage.name_ar},
        "starts_at": iso(performance.starts_at),
        "ends_at": iso(performance.ends_at),
        "performers": list(performance.performers),
        "status": performance.status,
        "note": performance.note,
        "note_ar": performance.note_ar,
    }


def staff_schedule_item(performance: Performance) -> dict[str, Any]:
    return {**schedule_item(performance), "updated_at": iso(performance.updated_at)}


def schedule_of(event: Event, *, day: date | None = None) -> QuerySet[Performance]:
    """The event's performances by start, then stage order; ``day`` in the venue's zone."""
    found = performances(event)
    if day is not None:
        start, end = day_bounds(event, day)
        found = found.filter(starts_at__gte=start, starts_at__lt=end)
    return found


def schedule_items(event: Event, *, day: date | None = None) -> list[dict[str, Any]]:
    """``GET /api/events/{slug}/schedule/``."""
    return [schedule_item(p) for p in schedule_of(event, day=day)]


def schedule_topic_snapshot(
    params: Mapping[str, str], options: Mapping[str, Any]
) -> dict[str, Any]:
    """``event:{slug}:schedule``: the listed event's whole schedule."""
    if options:
        raise FilterError("the schedule topic takes no filter")
    event = events_listed().filter(slug=params["slug"]).first()
    if event is None:
        raise TopicGone(params["slug"])
    return {"items": schedule_items(event)}


def stage_data(stage: Stage) -> dict[str, Any]:
    return {**_stage_on_map(stage), "sort_order": stage.sort_order}


def stages_of(event: Event) -> QuerySet[Stage]:
    return Stage.objects.filter(event=event)


# --- staff: what they may touch --------------------------------------------------------------


def _one(found: QuerySet[Any], what: str) -> Any:
    row = found.first()
    if row is None:
        raise NotFound(f"No {what} with this id in your events.")
    return row


def stage_for_staff(user: Principal, stage_id: int) -> Stage:
    stages = Stage.objects.select_related("event__venue")
    return _one(stages.filter(where_may(user, Role.STAFF), pk=stage_id), "stage")


def sponsor_for_staff(user: Principal, sponsor_id: int) -> Sponsor:
    sponsors = Sponsor.objects.select_related("event")
    return _one(sponsors.filter(where_may(user, Role.STAFF), pk=sponsor_id), "sponsor")


def performance_for_staff(user: Principal, performance_id: int) -> Performance:
    found = Performance.objects.select_related("stage__event__venue").filter(
        where_may(user, Role.STAFF, field="stage__event"), pk=performance_id
    )
    return _one(found, "performance")


def image_for_staff(user: Principal, image_id: int) -> ContentImage:
    found = ContentImage.objects.select_related("content__event").filter(
        where_may(user, Role.STAFF, field="content__event"), pk=image_id
    )
    return _one(found, "image")


def message_for_staff(user: Principal, message_id: int) -> ContactMessage:
    found = ContactMessage.objects.select_related("event").filter(
        where_may(user, Role.STAFF), pk=message_id
    )
    return _one(found, "message")


def messages_of(event: Event, *, handled: bool | None = None) -> QuerySet[ContactMessage]:
    """The event's contact messages, newest first."""
    found = ContactMessage.objects.filter(event=event).order_by("-created_at", "-id")
    if handled is not None:
        found = found.filter(handled_at__isnull=not handled)
    return found


def message_data(message: ContactMessage) -> dict[str, Any]:
    return {
        "id": message.pk,
        "name": message.name,
        "email": message.email,
        "subject": message.subject,
        "message": message.message,
        "received_at": iso(message.created_at),
        "handled_at": iso(message.handled_at) if message.handled_at else None,
    }


def staff_recipients(event: Event) -> list[str]:
    """Who reads the event's contact messages: the e-mail addresses of the active accounts
    holding staff (or admin) on this event; else of those holding it on every event; empty
    when nobody does (the sender then falls back to ADMINS or DEFAULT_FROM_EMAIL)."""
    grants = RoleGrant.objects.filter(
        role__in=GRANTED_BY[Role.STAFF], user__is_active=True, user__email__isnull=False
    ).exclude(user__email="")
    for scope in (grants.filter(event=event), grants.filter(event__isnull=True)):
        emails = sorted({email for email in scope.values_list("user__email", flat=True) if email})
        if emails:
            return emails
    return []
