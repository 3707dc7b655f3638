"""The SMS with a signed link to a booking's tickets, in the booking's language."""

from __future__ import annotations

from backend.bookings.models import Booking
from backend.tickets.links import ticket_link_url

TICKETS_SMS = {
    "en": "Your tickets for {event}: {link}",
    "ar": "تذاكرك لـ {event}: {link}",
}


def tickets_sms_text(booking: Booking) -> str:
    template = TICKETS_SMS.get(booking.language, TICKETS_SMS["en"])
    link = ticket_link_url(booking=booking, holder=booking.user)
    return template.format(event=booking.event.name, link=link)
