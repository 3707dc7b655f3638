"""The one table of booking status changes; everything that changes a status goes here."""

from __future__ import annotations

from django.utils import timezone

from backend.bookings.models import Booking
from backend.core.errors import Conflict

S = Booking.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.CONFIRMED, S.CANCELLED, S.EXPIRED, S.REFUNDED}),
    # A payment that arrives after expiry or cancellation is sold again or refunded.
    S.EXPIRED: frozenset({S.CONFIRMED, S.REFUNDED}),
    S.CANCELLED: frozenset({S.CONFIRMED, S.REFUNDED}),
    S.CONFIRMED: frozenset({S.IN_PROGRESS, S.COMPLETED, S.CANCELLED, S.REFUNDED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.CANCELLED, S.REFUNDED}),
    S.COMPLETED: frozenset({S.REFUNDED}),
    S.REFUNDED: frozenset(),
}

# What staff may set by hand (PATCH .../status/): the service workflow and cancelling.
# Confirming needs a payment (or mark-paid / comp), refunding goes through cancel.
STAFF_TARGETS = frozenset({S.IN_PROGRESS, S.COMPLETED, S.CANCELLED})

# Statuses in which the booking's units are sold.
SOLD = frozenset({S.CONFIRMED, S.IN_PROGRESS, S.COMPLETED})


class InvalidTransition(Conflict):
    code = "invalid_transition"

    def __init__(self, booking: Booking, to: str) -> None:
        super().__init__(
            f"A booking that is {booking.status} cannot become {to}.",
            status_from=booking.status,
            status_to=to,
            allowed=sorted(TRANSITIONS[booking.status]),
        )


def check_transition(booking: Booking, to: str) -> None:
    if to not in TRANSITIONS[booking.status]:
        raise InvalidTransition(booking, to)


def transition(booking: Booking, to: str, *, note: str = "") -> Booking:
    """Move a (locked) booking to ``to`` if the table allows it; saves the change."""
    check_transition(booking, to)
    booking.status = to
    fields = ["status", "updated_at"]
    if to == S.CONFIRMED:
        booking.confirmed_at = timezone.now()
        fields.append("confirmed_at")
    if note:
        booking.note = note[:300]
        fields.append("note")
    booking.save(update_fields=fields)
    return booking
