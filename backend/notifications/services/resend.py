"""Sending a booking's tickets again: the confirmation e-mail with the tickets its guest
still holds, and an SMS with a signed link to them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from backend.accounts.models import Role, User
from backend.accounts.phones import is_mobile
from backend.accounts.roles import require
from backend.bookings.models import Booking
from backend.bookings.services.transitions import SOLD
from backend.core import ratelimit
from backend.core.audit import audit
from backend.core.errors import Conflict
from backend.core.ratelimit import Limit
from backend.core.tasks import enqueue
from backend.notifications.services.tickets_sms import tickets_sms_text


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
    by_staff = requester.pk != booking.user_id
    if by_staff:
        require(requester, Role.STAFF, booking.event, "This booking is not yours.")
    if booking.status not in SOLD:
        raise Conflict("Only a confirmed booking has tickets to send.", code="not_confirmed")
    ratelimit.check(*resend_limits(booking, requester))
    enqueue("notifications.send_booking_email", str(booking.pk), "confirmed")
    phone = verified_mobile(booking.user)
    if phone:  # after commit, robust: a provider outage never fails the request
        enqueue("accounts.send_sms", phone, tickets_sms_text(booking))
    if by_staff:
        audit(actor=requester, action="tickets.resend", obj=booking, event=booking.event,
              after={"email": bool(booking.contact_email or booking.user.email),
                     "sms": bool(phone)})  # fmt: skip


def verified_mobile(user: User) -> str | None:
    """The account's phone, if it was proved with a code and takes SMS."""
    if not user.phone or user.phone != user.verified_phone or not is_mobile(user.phone):
        return None
    return user.phone
