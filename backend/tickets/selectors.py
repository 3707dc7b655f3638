"""Reading tickets. Ownership lives here, in one place: a ticket transferred later belongs
to someone else, and only this filter will need to change."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from backend.tickets.models import Ticket


def tickets_of(user: Any) -> QuerySet[Ticket]:
    """The tickets a signed-in person holds (today: those of their own bookings)."""
    return Ticket.objects.filter(booking__user=user).select_related("booking", "event", "slot")
