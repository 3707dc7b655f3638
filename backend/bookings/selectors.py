"""Reading bookings: the guest's own, the staff's filtered lists, and the staff's figures."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from rest_framework.utils.encoders import JSONEncoder

from backend.accounts.models import Role
from backend.accounts.roles import where_may
from backend.bookings.models import Booking, BookingItem, WaitlistEntry
from backend.core.fields import parse_id
from backend.core.pagination import paginate
from backend.inventory.models import Event
from backend.inventory.selectors.events import event_for
from backend.realtime.snapshots import TopicGone

PAGE_SIZE = 20  # the staff list's first page (``PageInput``'s default)

if TYPE_CHECKING:
    from uuid import UUID

    from backend.accounts.authentication import Principal
    from backend.accounts.models import User


def _with_items(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    items = BookingItem.objects.select_related("slot__resource").order_by("slot_id")
    return bookings.select_related("event__venue").prefetch_related(
        Prefetch("items", queryset=items), "lines"
    )


def bookings_of(user: User) -> QuerySet[Booking]:
    return _with_items(Booking.objects.filter(user=user))


def bookings_for_staff(
    user: Principal,
    *,
    event: str | None = None,
    status: str | None = None,
    day: date | None = None,
    search: str | None = None,
) -> QuerySet[Booking]:
    """The bookings of the events this staff member manages, filtered; newest first.
    Naming an event they do not staff is refused (403), not answered with nothing."""
    bookings = Booking.objects.filter(where_may(user, Role.STAFF))
    if event:
        bookings = bookings.filter(event=event_for(user, event))
    if status:
        bookings = bookings.filter(status=status)
    if day:
        bookings = bookings.filter(items__slot__starts_at__date=day).distinct()
    if search:
        bookings = bookings.filter(
            Q(contact_name__icontains=search)
            | Q(contact_phone__icontains=search)
            | Q(contact_email__icontains=search)
            | Q(user__name__icontains=search)
            | Q(user__phone__icontains=search)
            | Q(user__email__icontains=search)
            | _reference_matches(search)
        )
    return _with_items(bookings.select_related("user"))


def staff_booking_item(*, booking_id: UUID | str) -> tuple[str, dict[str, Any]] | None:
    """A booking as the staff list shows it, with its event's slug (the bookings topic's
    ``booking`` frame); None if it is gone."""
    found = staff_booking_items(booking_ids=[booking_id])
    return found[0] if found else None


def staff_booking_items(*, booking_ids: Sequence[UUID | str]) -> list[tuple[str, dict[str, Any]]]:
    """:func:`staff_booking_item` for several bookings, read in one go (three statements
    whatever their number), in the order asked; the ones gone are left out."""
    from backend.bookings.api.output import booking_data

    found = _with_items(Booking.objects.filter(pk__in=booking_ids).select_related("user"))
    by_id = {str(booking.pk): booking for booking in found}
    bookings = [by_id[str(pk)] for pk in booking_ids if str(pk) in by_id]
    return [(b.event.slug, _as_the_api_renders(booking_data(b))) for b in bookings]


def bookings_topic_snapshot(
    params: Mapping[str, str], options: Mapping[str, Any]
) -> dict[str, Any]:
    """``event:{slug}:bookings`` (its staff only, checked at subscribe): the first page of
    the event's bookings as ``GET /api/staff/bookings/?event=<slug>`` shows it."""
    from backend.bookings.api.output import page_data

    event = Event.objects.filter(slug=params["slug"]).first()
    if event is None:
        raise TopicGone(params["slug"])
    bookings = _with_items(Booking.objects.filter(event=event).select_related("user"))
    body = page_data(paginate(bookings, page=1, page_size=PAGE_SIZE))
    body.pop("ok")
    return _as_the_api_renders(body)


def _as_the_api_renders(data: dict[str, Any]) -> dict[str, Any]:
    """Plain JSON values, as the REST answer has them (times and amounts as its text)."""
    rendered: dict[str, Any] = json.loads(json.dumps(data, cls=JSONEncoder))
    return rendered


def _reference_matches(search: str) -> Q:
    """A booking's reference is the start of its id (4 to 8 hex digits typed at a desk)."""
    text = search.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{4,8}", text):
        return Q(pk__in=[])
    return Q(id__startswith=text)


def booking_history_by_phone(phone: str) -> QuerySet[Booking]:
    """Every booking made by or for this phone (the repair shop's history)."""
    return _with_items(Booking.objects.filter(Q(user__phone=phone) | Q(contact_phone=phone)))


def booking_stats(user: Principal, *, event: str | None = None) -> dict[str, Any]:
    """Bookings and revenue by status, and by day of booking, for the staff's events."""
    bookings = Booking.objects.filter(where_may(user, Role.STAFF))
    if event:
        bookings = bookings.filter(event=event_for(user, event))
    by_status = {
        row["status"]: {"bookings": row["n"], "amount": f"{row['amount'] or Decimal(0):.2f}"}
        for row in bookings.values("status").annotate(n=Count("id"), amount=Sum("amount"))
    }
    revenue_statuses = [
        Booking.Status.CONFIRMED,
        Booking.Status.IN_PROGRESS,
        Booking.Status.COMPLETED,
    ]
    by_day = [
        {
            "date": row["day"].isoformat(),
            "currency": row["currency"],
            "bookings": row["n"],
            "revenue": f"{row['revenue'] or Decimal(0):.2f}",
        }
        for row in bookings.annotate(day=TruncDate("created_at"))
        .values("day", "currency")
        .annotate(n=Count("id"), revenue=Sum("amount", filter=Q(status__in=revenue_statuses)))
        .order_by("day", "currency")
    ]
    revenue = {
        row["currency"]: f"{row['total']:.2f}"
        for row in bookings.filter(status__in=revenue_statuses)
        .values("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    }
    by_payment_status = {
        row["payment_status"]: {
            "bookings": row["n"],
            "amount": f"{row['amount'] or Decimal(0):.2f}",
            "paid": f"{row['paid'] or Decimal(0):.2f}",
            "refunded": f"{row['refunded'] or Decimal(0):.2f}",
        }
        for row in bookings.values("payment_status").annotate(
            n=Count("id"),
            amount=Sum("amount"),
            paid=Sum("paid_amount"),
            refunded=Sum("refunded_amount"),
        )
    }
    by_method = {
        row["provider"]: {"bookings": row["n"], "amount": f"{row['amount'] or Decimal(0):.2f}"}
        for row in bookings.filter(status__in=[*revenue_statuses, Booking.Status.NO_SHOW])
        .exclude(provider="")
        .values("provider")
        .annotate(n=Count("id"), amount=Sum("amount"))
    }
    return {
        "by_status": by_status,
        "by_day": by_day,
        "revenue": revenue,
        "by_payment_status": by_payment_status,
        "by_method": by_method,
    }


# --- waitlists (docs/waiting-room.md) ------------------------------------------------------


def waitlist_position(entry: WaitlistEntry) -> int | None:
    """A waiting entry's place in its slot's line, from 1 (the next to be offered)."""
    if entry.status != WaitlistEntry.Status.WAITING:
        return None
    ahead = WaitlistEntry.objects.filter(
        slot_id=entry.slot_id, status=WaitlistEntry.Status.WAITING
    ).filter(Q(joined_at__lt=entry.joined_at) | Q(joined_at=entry.joined_at, pk__lt=entry.pk))
    return ahead.count() + 1


def waitlist_data(entry: WaitlistEntry, *, position: int | None = None) -> dict[str, Any]:
    """An entry as the API, its topic and the staff list show it."""
    hold = entry.hold if entry.status == WaitlistEntry.Status.OFFERED else None
    return {
        "id": entry.pk,
        "event": entry.event.slug,
        "slot": entry.slot_id,
        "quantity": entry.quantity,
        "status": entry.status,
        "position": position if position is not None else waitlist_position(entry),
        "joined_at": entry.joined_at,
        "offer": None if hold is None else {"hold": str(hold.pk), "expires_at": hold.expires_at},
    }


def waitlist_of(user: User) -> QuerySet[WaitlistEntry]:
    return (
        WaitlistEntry.objects.filter(user=user)
        .select_related("event", "hold")
        .order_by("-joined_at", "-pk")
    )


def waitlist_for_staff(
    user: Principal, *, event: str, slot: int | None = None
) -> QuerySet[WaitlistEntry]:
    """An event's waitlist entries in the order they are served (403 for an event the caller
    does not staff), with whose they are."""
    entries = WaitlistEntry.objects.filter(event=event_for(user, event))
    if slot is not None:
        entries = entries.filter(slot_id=slot)
    return entries.select_related("event", "hold", "user").order_by("slot_id", "joined_at", "pk")


def waitlist_stats(event: Event) -> dict[str, int]:
    """How many entries of an event are waiting, offered, taken and lapsed (the dashboard)."""
    counts = dict(
        WaitlistEntry.objects.filter(event=event)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {key: counts.get(key, 0) for key in ("waiting", "offered", "taken", "lapsed")}


def waitlist_topic_snapshot(
    params: Mapping[str, str], options: Mapping[str, Any]
) -> dict[str, Any]:
    """``waitlist:{entry_id}``: the entry as the API shows it."""
    entry_id = parse_id(params["entry_id"])
    entries = WaitlistEntry.objects.select_related("event", "hold")
    entry = None if entry_id is None else entries.filter(pk=entry_id).first()
    if entry is None:
        raise TopicGone(params["entry_id"])
    return waitlist_data(entry)
