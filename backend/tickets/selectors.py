"""Reading tickets. Ownership lives here, in one place: a ticket belongs to its ``owner``
once transferred, and to its booking's user until then."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from backend.bookings.models import BookingItem
from backend.bookings.selectors import bookings_of
from backend.bookings.spans import Span, booking_span, slots_span
from backend.inventory.models import Resource
from backend.tickets.models import Ticket

PER_UNIT = frozenset({Resource.Kind.SEAT, Resource.Kind.TICKET})

if TYPE_CHECKING:
    from backend.accounts.models import User


def holder_of(ticket: Ticket) -> Any:
    """Who holds a ticket: whoever it was transferred to, else its booking's user."""
    return ticket.owner if ticket.owner_id is not None else ticket.booking.user


def tickets_of(user: User | int, *, booking: UUID | None = None) -> QuerySet[Ticket]:
    """The tickets a signed-in person (or their id) holds: those transferred to them, and
    those of their own bookings that they have not transferred away (of one booking, when
    named)."""
    tickets = Ticket.objects.filter(
        Q(owner=user) | Q(owner__isnull=True, booking__user=user)
    ).select_related("booking", "event__venue", "slot__resource")
    items = BookingItem.objects.select_related("slot__resource")
    tickets = tickets.prefetch_related(Prefetch("booking__items", queryset=items))
    return tickets if booking is None else tickets.filter(booking_id=booking)


def ticket_span(ticket: Ticket) -> Span:
    """When a ticket is good for: a seat's or a ticket type's own slot; for a pass (one per
    booking of rooms, spaces, room-nights or an appointment) its booking's whole span, from
    the first slot's start to the last one's end (``backend.bookings.spans``)."""
    time_zone = ticket.event.venue.time_zone
    if ticket.slot.resource.kind in PER_UNIT:
        span = slots_span([ticket.slot], time_zone=time_zone)
    else:
        span = booking_span(ticket.booking, time_zone=time_zone) or slots_span(
            [ticket.slot], time_zone=time_zone
        )
    assert span is not None  # a ticket always has its slot
    return span


SEAT_WORDS = {
    "en": "{section} row {row} seat {number}",
    "ar": "{section}، الصف {row}، المقعد {number}",
}


def ticket_label(ticket: Ticket, language: str = "en") -> str:
    """What a ticket admits, read now (in the active language, so translated room and ticket
    type names come out in it; a seat in ``language``'s words): a seat's or a ticket type's
    name; for a pass, its booking's rooms, spaces or services. The label stored at issue (in
    the language of that moment) when there is nothing to read it from. Reads the ticket's
    slot's resource and, for a pass, its booking's items (``tickets_of`` prefetches them)."""
    resource = ticket.slot.resource
    if resource.kind == Resource.Kind.SEAT:
        words = SEAT_WORDS.get(language, SEAT_WORDS["en"])
        return words.format(section=resource.section, row=resource.row, number=resource.number)
    if resource.kind in PER_UNIT:
        return str(resource)
    names = sorted(
        {
            str(item.slot.resource)
            for item in ticket.booking.items.all()
            if item.slot.resource.kind not in PER_UNIT
        }
    )
    return ", ".join(names) or ticket.label


def upgrades_of(user: User) -> QuerySet[Any]:
    """The upgrade bookings of a signed-in person's tickets (``services.upgrades``), newest
    first: each names its ticket in ``details.upgrade_ticket``."""
    return bookings_of(user).filter(details__has_key="upgrade_ticket")
