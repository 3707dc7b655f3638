"""Reading tickets. Ownership lives here, in one place: a ticket belongs to its ``owner``
once transferred, and to its booking's user until then."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Q, QuerySet

from backend.tickets.models import Ticket

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
    ).select_related("booking", "event", "slot")
    return tickets if booking is None else tickets.filter(booking_id=booking)
