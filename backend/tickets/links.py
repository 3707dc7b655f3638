"""Signed links to a booking's tickets, for guests who are not signed in (the tickets SMS
of ``backend.notifications`` carries one).

A link's token is made with ``django.core.signing`` under a salt of its own: it names the
booking and the holder (a user), and stops working ``TICKET_LINK_MAX_AGE_DAYS`` days after it
was made. It opens only the tickets of that booking the holder still holds (``tickets_of``):
a ticket transferred to someone else drops out of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.core.errors import NotFound
from backend.tickets.models import Ticket
from backend.tickets.selectors import tickets_of

SALT = "gatehouse.tickets.link"


class TicketLinkInvalid(NotFound):
    message = "This link is not valid or has expired."


@dataclass(frozen=True)
class TicketLink:
    booking: Booking
    holder: User
    tickets: QuerySet[Ticket]


def ticket_link_token(*, booking: Booking, holder: User) -> str:
    return signing.dumps([booking.pk.hex, holder.pk], salt=SALT)


def ticket_link_url(*, booking: Booking, holder: User) -> str:
    """The web app's page of the holder's tickets of this booking, signed."""
    return f"{settings.FRONTEND_URL}/t/{ticket_link_token(booking=booking, holder=holder)}"


def ticket_link_read(*, token: str) -> TicketLink:
    """The booking, holder and tickets a token opens; TicketLinkInvalid (404) when it was
    altered, has expired, or names a booking or an active account that no longer exists."""
    max_age = timedelta(days=settings.TICKET_LINK_MAX_AGE_DAYS)
    try:
        booking_id, holder_id = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one too
        raise TicketLinkInvalid() from None
    booking = Booking.objects.select_related("event__venue").filter(pk=booking_id).first()
    holder = User.objects.filter(pk=holder_id, is_active=True).first()
    if booking is None or holder is None:
        raise TicketLinkInvalid()
    return TicketLink(booking, holder, tickets_of(holder, booking=booking.pk))
