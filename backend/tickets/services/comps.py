"""Complimentary tickets for a phone, given by staff."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from backend.accounts.models import Role, User
from backend.accounts.phones import InvalidPhone, normalize_phone, region_of
from backend.accounts.roles import require
from backend.bookings.models import Booking
from backend.bookings.services.bookings import AUDITED, booking_create, locked_booking
from backend.bookings.services.transitions import SOLD
from backend.core.audit import audit, snapshot
from backend.core.errors import ValidationError
from backend.inventory.models import Event
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.payments.services.payments import comp_confirm

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


@transaction.atomic
def comp_tickets(
    *,
    event: Event,
    phone: str,
    items: Sequence[ItemRequest],
    actor: Principal | None,
    name: str = "",
    details: Any = None,
) -> Booking:
    """Free tickets for a phone (a guest of the house), by staff of the event (audited):
    the places are taken like any booking's (never oversold), then confirmed at zero. The
    phone's account is made if needed, so the guest finds the tickets after signing in. On
    an allowlist-only event the phone must be invited and not have booked yet, and the comp
    uses that invitation."""
    require(actor, Role.STAFF, event)
    try:
        phone = normalize_phone(phone, region=region_of(event))
    except InvalidPhone as error:
        raise ValidationError(fields={"phone": [str(error)]}) from None
    user = User.objects.filter(phone=phone).first() or User.objects.create_user(
        phone=phone, name=name
    )
    hold = hold_create(user=user, event=event, items=items)
    units = sum(item.quantity for item in items)
    if details is None:
        details = {"holders": [name or phone] * units} if event.kind == Event.Kind.FESTIVAL else {}
    booking = booking_create(user=user, hold_id=hold.pk, details=details)
    if booking.status not in SOLD:
        booking = comp_confirm(booking=locked_booking(booking.pk))
    items_given = [{"slot": item.slot, "quantity": item.quantity} for item in items]
    after = {"phone": phone, "items": items_given, **snapshot(booking, AUDITED)}
    audit(actor=actor, action="tickets.comp", obj=booking, event=event, after=after)
    return booking
