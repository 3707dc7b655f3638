"""Reading the log of messages."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.bookings.models import Booking
from backend.notifications.models import Message


def messages_of(*, booking: Booking) -> QuerySet[Message]:
    """What was sent (or held back) about ``booking``, newest first."""
    return Message.objects.filter(booking=booking).order_by("-created_at", "-pk")
