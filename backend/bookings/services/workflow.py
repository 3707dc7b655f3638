"""The service shop's desk: a customer who never came, a service found during the job.

Both are staff actions on one event (``require``), on the booking's locked row, audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role
from backend.accounts.roles import require
from backend.bookings.models import Booking, BookingLine
from backend.bookings.services.bookings import AUDITED, audit_booking, locked_booking
from backend.bookings.services.transitions import InvalidTransition, settle, transition
from backend.catalog.selectors import model_price_list
from backend.core.audit import snapshot
from backend.core.errors import Conflict, ValidationError
from backend.inventory.models import Event
from backend.inventory.pricing import charge_of

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

S = Booking.Status

# A job takes services while it is booked or under way.
TAKES_SERVICES = frozenset({S.CONFIRMED, S.IN_PROGRESS})
# Who came to a festival or a VIP evening is what its gates scan; a no-show is recorded for
# appointments, rooms and stays.
NO_SHOW_KINDS = frozenset({Event.Kind.SERVICE, Event.Kind.ROOMS, Event.Kind.STAYS})


class NoShowNotRecorded(Conflict):
    code = "no_show_not_recorded"


@transaction.atomic
def booking_no_show(*, booking: Booking, actor: Principal | None) -> Booking:
    """Nobody came to a confirmed booking: it ends ``no_show``. Nothing is refunded and
    what is owed stays recorded (``payment_status`` is kept). Audited."""
    booking = locked_booking(booking.pk)
    require(actor, Role.STAFF, booking.event)
    if booking.event.kind not in NO_SHOW_KINDS:
        raise NoShowNotRecorded(
            "Who came to this event is counted at its gates: a no-show is recorded for "
            "appointments, rooms and stays only."
        )
    before = snapshot(booking, AUDITED)
    transition(booking, S.NO_SHOW, note="The customer did not come.")
    audit_booking(actor, "booking.no_show", booking, before)
    return booking


@transaction.atomic
def booking_add_service(
    *,
    booking: Booking,
    service_id: int,
    actor: Principal | None,
    now: datetime | None = None,
) -> Booking:
    """A service found during the job, at the booking's vehicle model's price: an
    ``added_service`` line, the amount grows by what it charges (with net prices, its price
    plus its tax: ``billing``) and the difference is due at the venue.
    Only a service appointment that is confirmed or in progress (409 otherwise). Audited."""
    booking = locked_booking(booking.pk)
    require(actor, Role.STAFF, booking.event)
    if booking.status not in TAKES_SERVICES:
        raise InvalidTransition(booking, S.IN_PROGRESS, action="take another service")
    model_id = booking.details.get("vehicle_model")
    if not isinstance(model_id, int):  # not a service appointment
        raise ValidationError(fields={"service": ["This booking names no vehicle to service."]})
    prices = model_price_list(event=booking.event, vehicle_model_id=model_id)
    priced = prices.price_of(service_id) if prices is not None else None
    if priced is None:
        raise ValidationError(fields={"service": ["This service is not offered for the vehicle."]})
    before = snapshot(booking, AUDITED)
    BookingLine.objects.create(
        booking=booking,
        kind=BookingLine.Kind.ADDED_SERVICE,
        service_id=priced.id,
        name=priced.name,
        amount=priced.price,
        created_at=now or timezone.now(),
    )
    booking.amount += charge_of(event=booking.event, prices=[priced.price])
    settle(booking, ["amount"])
    audit_booking(actor, "booking.add_service", booking, before)
    return booking
