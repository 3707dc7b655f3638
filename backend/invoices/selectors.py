"""Reading invoices: a booking's documents, and who may read them (the booking's owner, or
staff of its event)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from backend.accounts.models import Role
from backend.accounts.roles import may
from backend.bookings.models import Booking
from backend.invoices.models import Invoice


def may_read(user: Any, booking: Booking) -> bool:
    return booking.user_id == getattr(user, "pk", None) or may(user, Role.STAFF, booking.event)


def booking_readable(*, user: Any, booking_id: UUID) -> Booking | None:
    """The booking if ``user`` owns it or is staff of its event, else None."""
    booking = Booking.objects.select_related("event").filter(pk=booking_id).first()
    return booking if booking is not None and may_read(user, booking) else None


def invoices_of(*, booking: Booking) -> QuerySet[Invoice]:
    return (
        Invoice.objects.filter(booking=booking)
        .select_related("cites")
        .prefetch_related("lines")
        .order_by("issued_at", "pk")
    )


def invoice_readable(*, user: Any, number: str) -> Invoice | None:
    """The document numbered ``number`` if ``user`` may read its booking, else None."""
    invoice = (
        Invoice.objects.select_related("booking__event__venue", "cites")
        .prefetch_related("lines")
        .filter(number=number)
        .first()
    )
    return invoice if invoice is not None and may_read(user, invoice.booking) else None
