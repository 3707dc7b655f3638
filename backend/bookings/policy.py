"""What a guest may still change of their booking, by the event's policy (``BookingPolicy``).

Pure reading, no writes: the services that cancel and reschedule (``backend.tickets.services
.booking_changes``) ask it again with the booking's row locked, so a quote shown a minute ago
never decides anything. The edges are inclusive: exactly at a cutoff is still inside it, one
second later is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from backend.bookings.models import Booking, BookingPolicy
from backend.bookings.spans import booking_span

S = Booking.Status
ENDED = frozenset({S.CANCELLED, S.REFUNDED, S.EXPIRED})
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Terms:
    """An event's policy as plain values (the defaults when it has none: nothing allowed)."""

    cancellable: bool = False
    free_cancellation_hours: int = 0
    late_refund_percent: int = 0
    reschedulable: bool = False
    reschedule_hours: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "cancellable": self.cancellable,
            "free_cancellation_hours": self.free_cancellation_hours,
            "late_refund_percent": self.late_refund_percent,
            "reschedulable": self.reschedulable,
            "reschedule_hours": self.reschedule_hours,
        }


def terms_of(event_id: int) -> Terms:
    policy = BookingPolicy.objects.filter(event_id=event_id).first()
    if policy is None:
        return Terms()
    return Terms(
        cancellable=policy.cancellable,
        free_cancellation_hours=policy.free_cancellation_hours,
        late_refund_percent=policy.late_refund_percent,
        reschedulable=policy.reschedulable,
        reschedule_hours=policy.reschedule_hours,
    )


@dataclass(frozen=True)
class CancelQuote:
    allowed: bool
    reason: str  # "" when allowed, else the error code a cancel would answer
    refund_percent: int
    refund_amount: Decimal
    free_until: datetime | None  # the last moment of a full refund


@dataclass(frozen=True)
class RescheduleQuote:
    allowed: bool
    reason: str
    until: datetime | None  # the last moment to move it


def _refusal(booking: Booking, *, checked_in: bool) -> str:
    """Why no change is possible whatever the policy says, or ""."""
    if booking.status in ENDED:
        return "already_cancelled"
    if checked_in:
        return "checked_in"
    if booking.status != S.CONFIRMED:
        return "not_changeable"  # waiting for payment, in progress, done, no-show
    return ""


def cancel_quote(
    booking: Booking, terms: Terms, *, now: datetime, checked_in: bool = False
) -> CancelQuote:
    """Whether the guest may cancel ``booking`` at ``now``, and what goes back: the full
    amount taken up to the free cutoff (inclusive), the late percentage after it, until the
    start (exclusive). Nothing taken (to pay at the venue, free): nothing goes back."""
    span = booking_span(booking)
    start = span.starts_at if span else None
    free_until = start - timedelta(hours=terms.free_cancellation_hours) if start else None
    reason = _refusal(booking, checked_in=checked_in)
    if not reason and not terms.cancellable:
        reason = "not_cancellable"
    if not reason and (start is None or now >= start):
        reason = "already_started"
    if reason:
        return CancelQuote(False, reason, 0, Decimal("0.00"), free_until)
    percent = 100 if free_until is not None and now <= free_until else terms.late_refund_percent
    taken = booking.paid_amount - booking.refunded_amount
    refund = (taken * percent / 100).quantize(CENTS, rounding=ROUND_HALF_UP)
    return CancelQuote(True, "", percent, max(refund, Decimal("0.00")), free_until)


def reschedule_quote(
    booking: Booking, terms: Terms, *, now: datetime, checked_in: bool = False
) -> RescheduleQuote:
    """Whether the guest may move ``booking`` at ``now``: up to ``reschedule_hours`` before
    its start, inclusive."""
    span = booking_span(booking)
    until = span.starts_at - timedelta(hours=terms.reschedule_hours) if span else None
    reason = _refusal(booking, checked_in=checked_in)
    if not reason and not terms.reschedulable:
        reason = "not_reschedulable"
    if not reason and (until is None or now > until):
        reason = "reschedule_closed"
    return RescheduleQuote(not reason, reason, until)
