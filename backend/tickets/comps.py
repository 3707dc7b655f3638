"""Staff changes to tickets: complimentary tickets for a phone, and sending tickets again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction

from backend.accounts.models import User
from backend.accounts.phones import InvalidPhone, normalize_phone
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.bookings.services.transitions import SOLD
from backend.core.errors import Conflict, ValidationError
from backend.core.tasks import enqueue
from backend.inventory.models import Event
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.payments.services.payments import booking_comp


@transaction.atomic
def comp_tickets(
    *, event: Event, phone: str, items: Sequence[ItemRequest], name: str = "", details: Any = None
) -> Booking:
    """Free tickets for a phone (a guest of the house): the places are taken like any
    booking's (never oversold), then confirmed at zero. The phone's account is made if
    needed, so the guest finds the tickets after signing in."""
    try:
        phone = normalize_phone(phone)
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
    return booking_comp(booking=booking) if booking.status not in SOLD else booking


def tickets_resend(*, booking: Booking) -> None:
    """The confirmation e-mail again, with the tickets (a guest lost it), and an SMS with a
    link to them to the booking's phone (if it has one)."""
    from backend.accounts.tasks import send_sms_message
    from backend.bookings.tasks import send_booking_email_task

    if booking.status not in SOLD:
        raise Conflict("Only a confirmed booking has tickets to send.", code="not_confirmed")
    enqueue(send_booking_email_task, str(booking.pk), "confirmed")
    phone = booking.contact_phone or booking.user.phone
    if phone:  # after commit, robust: a provider outage never fails the request
        enqueue(send_sms_message, phone, tickets_sms_text(booking))


TICKETS_SMS = {
    "en": "Your tickets for {event}: {link}",
    "ar": "تذاكرك لـ {event}: {link}",
}


def tickets_sms_text(booking: Booking) -> str:
    template = TICKETS_SMS.get(booking.language, TICKETS_SMS["en"])
    return template.format(event=booking.event.name, link=f"{settings.FRONTEND_URL}/tickets")
