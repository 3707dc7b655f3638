"""The booking service's rooms and bookings, over the native engine.

A *room* is a resource of a time-slot rooms event on sale (``Event.Kind.ROOMS``); its
opening and closing times and its slot length are read from its slots (the native engine
keeps the hours as slots, ``slots_for_time_ranges``). A *booking* of ``start_time`` to
``end_time`` on ``booking_date`` is a native hold on the consecutive slots that tile that
range exactly (the room's 30-minute slots, in the venue's time zone), turned at once into a
native booking (``pending_payment``, guest count checked against the room) in the same
transaction: a refusal leaves nothing held. The hold's end is ``hold_expires_at`` (the
event's hold time: 30 minutes for the demo's rooms); the sweeper releases it.
"""

from __future__ import annotations

import contextlib
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_cancel, booking_create
from backend.bookings.services.transitions import InvalidTransition
from backend.core.errors import NotFound, ValidationError
from backend.inventory.models import Event, Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.payments.models import Payment
from backend.payments.providers.base import Outcome
from backend.payments.providers.stripe import StripeProvider
from backend.webhooks.services import webhook_receive

ROOM_KINDS = (Resource.Kind.SPACE, Resource.Kind.ROOM)
# How far ahead a room's slots are read for its hours and whether it is available.
HOURS_HORIZON = timedelta(days=14)


def rooms_listed() -> QuerySet[Resource]:
    """The rooms of the time-slot rooms events on sale, in their order."""
    return (
        Resource.objects.filter(
            event__kind=Event.Kind.ROOMS, event__status=Event.Status.ON_SALE, kind__in=ROOM_KINDS
        )
        .select_related("event__venue")
        .order_by("event_id", "sort_order", "id")
    )


@dataclass(frozen=True)
class Hours:
    slot_minutes: int
    opens: time | None
    closes: time | None
    available: bool  # a slot is free in the horizon


def room_hours(rooms: Iterable[Resource], now: datetime) -> dict[int, Hours]:
    """Each room's slot length and daily opening and closing times, from its slots of the
    coming two weeks (in its venue's time zone), and whether one of them is free (one query)."""
    by_id = {room.pk: room for room in rooms}
    slots: dict[int, list[tuple[datetime, datetime, int]]] = defaultdict(list)
    rows = Slot.objects.filter(
        resource_id__in=by_id, ends_at__gt=now, starts_at__lt=now + HOURS_HORIZON
    ).values_list("resource_id", "starts_at", "ends_at", "capacity", "sold", "held")
    for room_id, starts_at, ends_at, capacity, sold, held in rows:
        slots[room_id].append((starts_at, ends_at, capacity - sold - held))
    hours = {}
    for room_id, room in by_id.items():
        zone = zoneinfo.ZoneInfo(room.event.venue.time_zone)
        mine = slots.get(room_id, [])
        if not mine:
            hours[room_id] = Hours(30, None, None, False)
            continue
        lengths = [int((end - start).total_seconds() // 60) for start, end, _ in mine]
        hours[room_id] = Hours(
            slot_minutes=min(lengths),
            opens=min(start.astimezone(zone).time() for start, _, _ in mine),
            closes=max(end.astimezone(zone).time() for _, end, _ in mine),
            available=any(free > 0 for _, _, free in mine),
        )
    return hours


def _slots_tiling(room: Resource, day: date, start: time, end: time) -> list[Slot]:
    """The room's slots that cover ``start`` to ``end`` of ``day`` exactly, back to back."""
    zone = zoneinfo.ZoneInfo(room.event.venue.time_zone)
    begins, ends = datetime.combine(day, start, zone), datetime.combine(day, end, zone)
    slots = list(
        Slot.objects.filter(resource=room, starts_at__gte=begins, ends_at__lte=ends).order_by(
            "starts_at"
        )
    )
    moment = begins
    for slot in slots:
        if slot.starts_at != moment:
            break
        moment = slot.ends_at
    if not slots or moment != ends or slots[0].starts_at != begins:
        raise ValidationError(
            "These times are not bookable slots of this room (its opening hours and slot "
            "length decide).",
            fields={"start_time": ["Not a slot boundary within the opening hours."]}
            if not slots or slots[0].starts_at != begins
            else {"end_time": ["Not a slot boundary within the opening hours."]},
        )
    return slots


@transaction.atomic
def booking_make(
    *,
    user: User,
    room_id: int,
    day: date,
    start: time,
    end: time,
    guest_count: int,
    special_requests: str,
) -> Booking:
    """Hold the slots from ``start`` to ``end`` and book them, or nothing at all."""
    room = rooms_listed().filter(pk=room_id).first()
    if room is None:
        raise NotFound("There is no such room.")
    slots = _slots_tiling(room, day, start, end)
    try:
        hold = hold_create(
            user=user, event=room.event, items=[ItemRequest(slot.pk, 1) for slot in slots]
        )
    except ValidationError as error:  # the slots' own refusal (ended): the README's field
        if error.fields and "items" in error.fields:
            error.fields = {"booking_date": error.fields.pop("items"), **error.fields}
        raise
    details: dict[str, object] = {"guest_count": guest_count}
    if special_requests:
        details["special_requests"] = special_requests
    return booking_create(user=user, hold_id=hold.pk, details=details)


def stripe_callback(*, body: bytes, headers: Mapping[str, str]) -> None:
    """Stripe's webhook, through the native inbox (``Stripe-Signature`` with its timestamp
    tolerance, stored once, applied by its task). ``payment_intent.canceled`` also gives the
    booking up, as the README says: its slots are free again at once (unless it is paid)."""
    delivery, _ = webhook_receive(sender="stripe", body=body, headers=headers)
    event = StripeProvider().parse_event(delivery.payload, headers)
    if event.outcome != Outcome.CANCELED or not event.reference:
        return
    payment = Payment.objects.filter(provider="stripe", reference=event.reference).first()
    if payment is None:
        return
    with contextlib.suppress(InvalidTransition):
        booking_cancel(
            booking=payment.booking,
            note="The payment was canceled; the slots were released.",
            unpaid_only=True,
        )
