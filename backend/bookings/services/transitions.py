"""The one table of booking status changes; everything that changes a status goes here."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from backend.bookings.models import Booking
from backend.core.errors import Conflict
from backend.realtime import publish
from backend.realtime.topics import BOOKINGS

S = Booking.Status
P = Booking.PaymentStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.CONFIRMED, S.CANCELLED, S.EXPIRED, S.REFUNDED}),
    # A payment that arrives after expiry or cancellation is sold again or refunded.
    S.EXPIRED: frozenset({S.CONFIRMED, S.REFUNDED}),
    S.CANCELLED: frozenset({S.CONFIRMED, S.REFUNDED}),
    S.CONFIRMED: frozenset({S.IN_PROGRESS, S.COMPLETED, S.CANCELLED, S.REFUNDED, S.NO_SHOW}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.CANCELLED, S.REFUNDED}),
    S.COMPLETED: frozenset({S.REFUNDED}),
    S.REFUNDED: frozenset(),
    # Nobody came: the place stays sold and what is owed stays recorded; only a refund the
    # provider has made (a webhook) can still follow.
    S.NO_SHOW: frozenset({S.REFUNDED}),
}

# What staff may set by hand (PATCH .../status/): the service workflow and cancelling.
# Confirming needs a payment (or mark-paid / comp), refunding goes through cancel.
STAFF_TARGETS = frozenset({S.IN_PROGRESS, S.COMPLETED, S.CANCELLED})

# Statuses in which the booking's units are sold.
SOLD = frozenset({S.CONFIRMED, S.IN_PROGRESS, S.COMPLETED, S.NO_SHOW})


class InvalidTransition(Conflict):
    code = "invalid_transition"

    def __init__(self, booking: Booking, to: str, *, action: str | None = None) -> None:
        if action is not None:
            # A staff action refused in this status: the table's other ways out (a late
            # payment's, say) are not the caller's to take, so none is offered.
            super().__init__(
                f"A booking that is {booking.status} cannot {action}.",
                status_from=booking.status,
            )
            return
        super().__init__(
            f"A booking that is {booking.status} cannot become {to}.",
            status_from=booking.status,
            status_to=to,
            allowed=sorted(TRANSITIONS[booking.status]),
        )


def check_transition(booking: Booking, to: str) -> None:
    if to not in TRANSITIONS[booking.status]:
        raise InvalidTransition(booking, to)


def transition(booking: Booking, to: str, *, note: str = "", also: Sequence[str] = ()) -> Booking:
    """Move a (locked) booking to ``to`` if the table allows it; saves the change, and the
    fields in ``also`` the caller changed with it (one UPDATE)."""
    check_transition(booking, to)
    booking.status = to
    fields = ["status", "updated_at", *also]
    if to == S.CONFIRMED:
        booking.confirmed_at = timezone.now()
        fields.append("confirmed_at")
    if note:
        booking.note = note[:300]
        fields.append("note")
    booking.payment_status = payment_status_of(booking)
    fields.append("payment_status")
    booking.save(update_fields=fields)
    booking_changed(booking)
    return booking


def payment_status_of(booking: Booking) -> str:
    """Where a booking's money stands, from its status and amounts: what was given back,
    else (sold) whether everything is taken, else whether anything was taken at all."""
    if booking.refunded_amount > 0:
        taken = booking.paid_amount or booking.amount  # a late payment was never recorded
        return P.REFUNDED if booking.refunded_amount >= taken else P.PARTIALLY_REFUNDED
    if booking.status in SOLD:
        return P.PAID if booking.paid_amount >= booking.amount else P.DUE
    return P.PAID if booking.paid_amount > 0 else P.UNPAID


def settle(booking: Booking, fields: list[str]) -> Booking:
    """Save a (locked) booking's changed money ``fields`` with the payment status they
    give, and tell the staff's bookings topic after commit: the one place besides
    :func:`transition` that a booking's payment changes."""
    booking.payment_status = payment_status_of(booking)
    booking.save(update_fields=[*fields, "payment_status", "updated_at"])
    booking_changed(booking)
    return booking


def booking_changed(booking: Booking) -> None:
    """After commit, ``event:{slug}:bookings`` gets the booking as the staff list shows it,
    read then: several changes in one transaction send what was committed, once, and the
    bookings one transaction changed are read together (the webhook worker confirms a batch
    of them in one)."""
    connection = transaction.get_connection()
    for entry in getattr(connection, "run_on_commit", ()):
        if isinstance(entry[1], _PublishBookings):
            # Queued earlier in this transaction: it is dropped only with a savepoint that
            # encloses this change too. (A change rolled back to a savepoint of its own
            # leaves its booking in the list: it is published as committed, unchanged.)
            entry[1].add(booking.pk)
            return
    publisher = _PublishBookings()
    publisher.add(booking.pk)
    transaction.on_commit(publisher, robust=True)


class _PublishBookings:
    """The after-commit call that publishes the bookings a transaction changed, each once,
    read in one go (an object, so that the transaction's later changes join it and a
    rollback forgets it)."""

    def __init__(self) -> None:
        self.booking_ids: dict[UUID, None] = {}  # ordered, once each

    def add(self, booking_id: UUID) -> None:
        self.booking_ids[booking_id] = None

    def __call__(self) -> None:
        from backend.bookings.selectors import staff_booking_items

        for slug, data in staff_booking_items(booking_ids=list(self.booking_ids)):
            publish(BOOKINGS.name(slug=slug), "booking", data)
