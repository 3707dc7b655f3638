"""Staff changes to tickets: complimentary tickets for a phone, and sending tickets again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction

from backend.accounts.models import Role, User
from backend.accounts.phones import InvalidPhone, is_mobile, normalize_phone
from backend.accounts.roles import require
from backend.bookings.models import Booking
from backend.bookings.services.bookings import AUDITED, booking_create, locked_booking
from backend.bookings.services.transitions import SOLD
from backend.core import ratelimit
from backend.core.audit import audit, snapshot
from backend.core.errors import Conflict, ValidationError
from backend.core.ratelimit import Limit
from backend.core.tasks import enqueue
from backend.inventory.models import Event
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.payments.services.payments import comp_confirm
from backend.tickets.links import tickets_sms_text


@transaction.atomic
def comp_tickets(
    *,
    event: Event,
    phone: str,
    items: Sequence[ItemRequest],
    actor: Any,
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
    if booking.status not in SOLD:
        booking = comp_confirm(booking=locked_booking(booking.pk))
    items_given = [{"slot": item.slot, "quantity": item.quantity} for item in items]
    after = {"phone": phone, "items": items_given, **snapshot(booking, AUDITED)}
    audit(actor=actor, action="tickets.comp", obj=booking, event=event, after=after)
    return booking


def resend_limits(booking: Booking, requester: Any) -> list[tuple[Limit, str]]:
    window = settings.TICKETS_RESEND_WINDOW_SECONDS
    return [
        (Limit("resend-booking", settings.TICKETS_RESEND_PER_BOOKING, window), str(booking.pk)),
        (Limit("resend-user", settings.TICKETS_RESEND_PER_USER, window), str(requester.pk)),
    ]


@transaction.atomic
def tickets_resend(*, booking: Booking, requester: Any) -> None:
    """The confirmation e-mail again, with the tickets its guest still holds (they lost
    it), and an SMS with a signed link to them, only to the account's own mobile number
    proved by a code (never to a number typed into a form). For the booking's guest or
    staff of its event (audited); limited per booking and per requester (429)."""
    from backend.accounts.tasks import send_sms_message
    from backend.bookings.tasks import send_booking_email_task

    by_staff = requester.pk != booking.user_id
    if by_staff:
        require(requester, Role.STAFF, booking.event, "This booking is not yours.")
    if booking.status not in SOLD:
        raise Conflict("Only a confirmed booking has tickets to send.", code="not_confirmed")
    ratelimit.check(*resend_limits(booking, requester))
    enqueue(send_booking_email_task, str(booking.pk), "confirmed")
    phone = verified_mobile(booking.user)
    if phone:  # after commit, robust: a provider outage never fails the request
        enqueue(send_sms_message, phone, tickets_sms_text(booking))
    if by_staff:
        audit(actor=requester, action="tickets.resend", obj=booking, event=booking.event,
              after={"email": bool(booking.contact_email or booking.user.email),
                     "sms": bool(phone)})  # fmt: skip


def verified_mobile(user: User) -> str | None:
    """The account's phone, if it was proved with a code and takes SMS."""
    if not user.phone or user.phone != user.verified_phone or not is_mobile(user.phone):
        return None
    return user.phone
