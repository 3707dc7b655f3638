"""Fee bookings: a booking that sells no inventory, only a fee (a festival booth's), so that it
is paid through the same providers, webhooks, receipts and refunds as any booking.

A fee booking has one ``fee`` line and no hold: it waits for payment without expiring, until
it is paid, or cancelled by whoever asked for the fee (a booth unassigned). ``details.fee``
names what it pays for, e.g. ``{"kind": "booth", "id": 12}``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from backend.bookings.models import Booking, BookingLine
from backend.inventory.pricing import charge_of

if TYPE_CHECKING:
    from backend.accounts.models import User
    from backend.inventory.models import Event


def is_fee(booking: Booking) -> bool:
    """Whether ``booking`` pays a fee rather than places (no hold, nothing to sell)."""
    return booking.hold_id is None and isinstance(booking.details.get("fee"), dict)


@transaction.atomic
def fee_booking_create(
    *,
    event: Event,
    user: User,
    name: str,
    amount: Decimal,
    fee: dict[str, Any],
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Booking:
    """A booking for ``name`` at the price ``amount`` that ``user`` pays like any other. It
    charges what its one line does at the event's tax (``amount``, or with net prices
    ``amount`` plus its tax), as its invoice bills it."""
    booking = Booking.objects.create(
        event=event,
        user=user,
        amount=charge_of(event=event, prices=[amount]),
        currency=event.currency,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone or (user.phone or ""),
        language=user.language,
        details={"fee": fee},
    )
    BookingLine.objects.create(booking=booking, kind=BookingLine.Kind.FEE, name=name, amount=amount)
    return booking
