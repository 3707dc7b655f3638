"""Sending a booking's tickets again: the confirmation e-mail with the tickets its guest
still holds, and an SMS with a signed link to them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from backend.accounts.models import Role
from backend.accounts.roles import require
from backend.bookings.models import Booking
from backend.bookings.services.transitions import SOLD
from backend.core import ratelimit
from backend.core.audit import audit
from backend.core.errors import Conflict
from backend.core.ratelimit import Limit
from backend.core.tasks import enqueue
from backend.notifications.services.outbox import verified_mobile


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
    email = booking.email_address
    if email:
        enqueue("notifications.send_booking_email", str(booking.pk), "confirmed")
    phone = verified_mobile(booking.user)
    if phone or not email:  # a guest without either: the SMS is held, and logged as such
        enqueue("notifications.send_booking_sms", str(booking.pk), "tickets")
    if by_staff:
        audit(actor=requester, action="tickets.resend", obj=booking, event=booking.event,
              after={"email": bool(email), "sms": bool(phone)})  # fmt: skip
