"""Dandeli's booking attempt, over the native engine.

A *booking attempt* (resort-stays.md) is a native **hold** on every night of the chosen
rooms, all or nothing; its ``booking_attempt_id`` is the hold's id. Adding the guests makes
the native booking from that hold (``pending_payment``, guest names and ages per room, the
amount computed from the nights' prices); initiating payment starts the booking's Razorpay
payment; the Razorpay webhook confirms it (the hold becomes a sale). A failed payment gives
the attempt up: the booking is cancelled and its hold released, so the rooms are free again
at once, as the README says. Every rule (availability, hold limits, guests per room, amounts,
signatures) is the native code's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from rest_framework import serializers

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.bookings.selectors import bookings_of
from backend.bookings.services.bookings import booking_cancel, booking_create
from backend.bookings.services.transitions import InvalidTransition
from backend.core.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    ServiceUnavailable,
    ValidationError,
)
from backend.inventory.models import Hold, Resource, Venue
from backend.inventory.selectors.events import event_find
from backend.inventory.selectors.holds import hold_for_owner
from backend.inventory.selectors.stays import RoomStay, VenueStays, stays_at_venue
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.payments.models import Payment
from backend.payments.providers import configured_providers
from backend.payments.providers.base import Outcome
from backend.payments.providers.razorpay import RazorpayProvider
from backend.payments.services.payments import payment_start
from backend.webhooks.services import webhook_receive


@contextlib.contextmanager
def renamed_fields(names: Mapping[str, str]) -> Iterator[None]:
    """Errors naming the native fields name the README's instead (``phone`` → ``phone_number``)."""
    try:
        yield
    except serializers.ValidationError as error:
        detail = (
            error.detail if isinstance(error.detail, dict) else {"non_field_errors": error.detail}
        )
        fields = {names.get(str(k), str(k)): _plain(v) for k, v in detail.items()}
        non_field = fields.pop("non_field_errors", None)
        raise ValidationError(
            "; ".join(non_field) if non_field else None, fields=fields or None
        ) from None
    except ApplicationError as error:
        if error.fields:
            error.fields = {names.get(k, k): v for k, v in error.fields.items()}
        raise


def _plain(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {str(k): _plain(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_plain(item) for item in detail]
    return str(detail)


class RoomsUnavailable(Conflict):
    code = "sold_out"
    message = "Some of these rooms are not available for every night of the stay."


@dataclass(frozen=True)
class Chosen:
    stays: VenueStays
    rooms: list[RoomStay]


def rooms_chosen(
    *, resort_id: int, room_ids: Sequence[int], check_in: date, check_out: date, now: datetime
) -> Chosen:
    """The chosen rooms of one resort, each free for every night; 404 for an unknown resort,
    400 for a room that is not the resort's, 409 ``sold_out`` for one taken some night."""
    found = stays_at_venue(
        venue_id=resort_id, check_in=check_in, check_out=check_out, guests=1, now=now
    )
    wanted = list(dict.fromkeys(room_ids))
    theirs = set(
        Resource.objects.filter(
            pk__in=wanted, kind=Resource.Kind.ROOM, event__venue_id=resort_id
        ).values_list("pk", flat=True)
    )
    if not theirs and not Venue.objects.filter(pk=resort_id).exists():
        raise NotFound("There is no such resort.")
    strangers = [room for room in wanted if room not in theirs]
    if strangers:
        raise ValidationError(
            fields={"room_ids": [f"Not rooms of this resort: {', '.join(map(str, strangers))}."]}
        )
    for stays in found:
        rooms = {room.id: room for room in stays.rooms}
        if all(room in rooms for room in wanted):
            return Chosen(stays, [rooms[room] for room in wanted])
    taken = [room for room in wanted if not any(room in {r.id for r in s.rooms} for s in found)]
    raise RoomsUnavailable(rooms=taken or wanted)


def attempt_create(
    *,
    user: User,
    resort_id: int,
    room_ids: Sequence[int],
    check_in: date,
    check_out: date,
    guests: int,
    now: datetime,
) -> Hold:
    """Select rooms: hold every night of each chosen room, all or nothing."""
    chosen = rooms_chosen(
        resort_id=resort_id, room_ids=room_ids, check_in=check_in, check_out=check_out, now=now
    )
    beds = sum(room.guest_capacity for room in chosen.rooms)
    if guests > beds:
        raise ValidationError(fields={"guests": [f"These rooms take at most {beds} guests."]})
    event = event_find(slug=chosen.stays.event, listed=True)
    if event is None:  # it went off sale this very moment
        raise RoomsUnavailable(rooms=list(room_ids))
    return hold_create(
        user=user,
        event=event,
        items=[ItemRequest(slot, 1) for room in chosen.rooms for slot in room.slots],
        now=now,
    )


def _hold_of(user: User, attempt_id: UUID) -> Hold:
    hold = hold_for_owner(attempt_id, user)
    if hold is None:
        raise NotFound("You have no booking attempt with this id.")
    return hold


def attempt_booking(*, user: User, attempt_id: UUID) -> Booking | None:
    """The booking the attempt became once its guests were added (None before)."""
    _hold_of(user, attempt_id)
    return bookings_of(user).filter(hold_id=attempt_id).first()


def attempt_add_guests(*, user: User, attempt_id: UUID, guests: list[dict[str, Any]]) -> Booking:
    """The guests, each in one of the attempt's rooms: the native booking of the hold."""
    _hold_of(user, attempt_id)
    return booking_create(
        user=user,
        hold_id=attempt_id,
        guests=[{"room": g["room_id"], "name": g["name"], "age": g["age"]} for g in guests],
    )


def attempt_pay(*, user: User, attempt_id: UUID) -> tuple[Payment, dict[str, Any]]:
    """A Razorpay order for the attempt's booking (the same order again if asked twice)."""
    booking = attempt_booking(user=user, attempt_id=attempt_id)
    if booking is None:
        raise ValidationError(
            fields={"booking_attempt_id": ["Add the guest details before paying."]}
        )
    if "razorpay" not in configured_providers():
        raise ServiceUnavailable("Online payments are not available now.", code="no_provider")
    payment, checkout = payment_start(booking=booking, provider="razorpay")
    return payment, checkout.client


def payment_callback(*, body: bytes, headers: Mapping[str, str]) -> None:
    """Razorpay's webhook, through the native inbox (signature on the raw body, stored once,
    applied by its task). A failed payment also gives its attempt up: the booking is
    cancelled and the rooms released (a booking already paid is left alone)."""
    delivery, _ = webhook_receive(sender="razorpay", body=body, headers=headers)
    event = RazorpayProvider().parse_event(delivery.payload, headers)
    if event.outcome != Outcome.FAILED or not event.reference:
        return
    payment = Payment.objects.filter(provider="razorpay", reference=event.reference).first()
    if payment is None:
        return
    with contextlib.suppress(InvalidTransition):
        booking_cancel(
            booking=payment.booking,
            note="The payment failed; the rooms were released.",
            unpaid_only=True,
        )
