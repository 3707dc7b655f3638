"""What a provider's outcome does to our payment and booking: the same for every provider.

State only moves forward (``Payment.RANK``): a failure after a success changes nothing, a
success after a refund changes nothing. Money is never kept for nothing: a success that
cannot be sold (its slots went to someone else, the booking was cancelled or already paid)
is refunded through the provider at once.
"""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from backend.accounts.models import Role
from backend.accounts.roles import require
from backend.accounts.services.allowlist import AlreadyBooked
from backend.bookings.models import Booking
from backend.bookings.services.bookings import (
    AUDITED,
    audit_booking,
    booking_cancel,
    booking_confirm,
    booking_refund,
    locked_booking,
    refund_already_made,
)
from backend.bookings.services.transitions import SOLD, check_transition, settle
from backend.core.audit import snapshot
from backend.inventory.services.holds import HoldNotActive, SoldOut
from backend.payments import hooks
from backend.payments.models import Payment
from backend.payments.providers.base import (
    Outcome,
    ProviderEvent,
    from_minor_units,
    minor_units,
)
from backend.payments.services.actions import owe
from backend.webhooks.receivers import Handled, applied, ignored

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

logger = logging.getLogger(__name__)
S = Booking.Status


def _find_payment(provider: str, event: ProviderEvent) -> Payment | None:
    payments = Payment.objects.filter(provider=provider)
    if event.reference:
        found = payments.filter(reference=event.reference).first()
        if found is not None:
            return found
    try:
        booking_id = uuid.UUID(event.booking_id)
    except ValueError:  # none, or another system's metadata on a shared account
        return None
    return payments.filter(booking_id=booking_id).order_by("-created_at").first()


def lock_bookings_of(provider: str, events: list[ProviderEvent]) -> list[uuid.UUID]:
    """Lock, in id order, the bookings of the payments these events name by reference (in
    the caller's transaction): a batch of events then takes its bookings' rows before any
    slot's, in the one order every batch uses. Events naming a payment only by the booking
    in their metadata lock theirs when they are applied."""
    references = {e.reference for e in events if e.outcome is not None and e.reference}
    if not references:
        return []
    paid_for = Payment.objects.filter(provider=provider, reference__in=references)
    return list(
        Booking.objects.select_for_update()
        .filter(pk__in=paid_for.values("booking_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _advance(payment: Payment, status: str) -> bool:
    if Payment.RANK[status] <= Payment.RANK[payment.status]:
        return False
    payment.status = status
    return True


def refund_now(payment: Payment, booking: Booking, note: str) -> None:
    """Give this payment's money back through its provider (a task, retried), and record
    the booking refunded unless another payment paid for it."""
    payment.status, payment.refunded_amount = Payment.Status.REFUNDED, payment.amount
    payment.save(update_fields=["status", "refunded_amount", "updated_at"])
    paid_otherwise = booking.payments.filter(status=Payment.Status.SUCCEEDED).exists()
    if not paid_otherwise:
        booking_refund(booking=booking, note=note)
    owe(payment, "refund")


def paid_as_asked(payment: Payment, event: ProviderEvent) -> bool:
    """Whether the provider took exactly the payment's amount, in its currency."""
    return (
        event.amount_minor == minor_units(payment.amount, payment.currency)
        and event.currency.upper() == payment.currency.upper()
    )


def _refund_wrong_amount(payment: Payment, event: ProviderEvent) -> Handled:
    """Money that is not what the booking costs goes back; the booking is not touched (it
    may still be paid properly while its hold lasts)."""
    taken = (
        from_minor_units(event.amount_minor, event.currency.upper() or payment.currency)
        if event.amount_minor is not None
        else None
    )
    paid = f"{taken} {event.currency.upper()}" if taken is not None else "an unstated amount"
    same_currency = event.currency.upper() == payment.currency.upper()
    payment.status = Payment.Status.REFUNDED
    # What goes back is what was taken: in the payment's currency only when it was paid in it.
    payment.refunded_amount = taken if taken is not None and same_currency else Decimal(0)
    payment.failure_message = (
        f"Paid {paid}, but {payment.amount} {payment.currency} was asked: refunded."
    )[:300]
    payment.provider_payment_id = event.provider_payment_id or payment.provider_payment_id
    payment.save(
        update_fields=[
            "status", "refunded_amount", "failure_message", "provider_payment_id", "updated_at",
        ]
    )  # fmt: skip
    owe(payment, "refund")
    logger.warning("payment %s: %s", payment.pk, payment.failure_message)
    return applied("wrong amount or currency: refunded")


def _succeeded(payment: Payment, booking: Booking, event: ProviderEvent) -> Handled:
    if Payment.RANK[Payment.Status.SUCCEEDED] <= Payment.RANK[payment.status]:
        return ignored(f"payment already {payment.status}")
    if not paid_as_asked(payment, event):
        return _refund_wrong_amount(payment, event)
    _advance(payment, Payment.Status.SUCCEEDED)
    payment.provider_payment_id = event.provider_payment_id or payment.provider_payment_id
    payment.save(update_fields=["status", "provider_payment_id", "updated_at"])
    if booking.status in SOLD:
        refund_now(payment, booking, "Paid twice; the second payment was refunded.")
        return applied("booking already paid: refunded this payment")
    if booking.status == S.REFUNDED:
        refund_now(payment, booking, booking.note)
        return applied("booking was refunded before: refunded this payment")
    if booking.status == S.CANCELLED:
        refund_now(payment, booking, "Paid after the booking was cancelled: refunded.")
        return applied("booking was cancelled: refunded")
    try:
        # booking_confirm rolls its own writes back (a savepoint of its own) when it raises.
        booking_confirm(booking=booking, provider=payment.provider)
    except (SoldOut, HoldNotActive, AlreadyBooked):
        refund_now(
            payment, booking, "The payment arrived after the hold ended and the places were gone."
        )
        return applied("late payment, places gone: refunded")
    return applied("confirmed")


def _refunded(payment: Payment, booking: Booking, event: ProviderEvent) -> Handled:
    """``amount_minor`` is what has gone back in all (Stripe's ``amount_refunded``). Less
    than was paid is a partial refund: recorded, and the booking stands."""
    refunded = payment.amount
    if event.amount_minor is not None:
        refunded = from_minor_units(event.amount_minor, payment.currency)
    if refunded < payment.amount:
        if refunded <= payment.refunded_amount:
            return ignored("refund already recorded")
        this_time = refunded - payment.refunded_amount
        payment.refunded_amount = refunded
        payment.save(update_fields=["refunded_amount", "updated_at"])
        booking.refunded_amount = refunded
        settle(booking, ["refunded_amount"])
        hooks.partial_refund_recorded.send(booking=booking, amount=this_time)  # credit note
        return applied(f"partial refund of {refunded} recorded; the booking stands")
    payment.refunded_amount = payment.amount
    advanced = _advance(payment, Payment.Status.REFUNDED)
    payment.save(update_fields=["status", "refunded_amount", "updated_at"])
    paid_otherwise = booking.payments.filter(status=Payment.Status.SUCCEEDED).exists()
    if booking.status != S.REFUNDED and not paid_otherwise:
        with refund_already_made():  # the money is back: record it, whatever follows
            booking_refund(booking=booking, note="Refunded at the provider.")
        return applied("booking refunded")
    return applied("refund recorded") if advanced else ignored("refund already recorded")


def _failed_or_canceled(payment: Payment, status: str, event: ProviderEvent) -> Handled:
    """Recorded with the provider's reason (a code and its text), for the guest's page. A
    second decline of a failed payment (the guest tried again) replaces the first reason."""
    again = status == payment.status == Payment.Status.FAILED
    if not again and not _advance(payment, status):
        return ignored(f"payment already {payment.status}")
    payment.failure_code, payment.failure_message = event.failure_code, event.message
    payment.save(update_fields=["status", "failure_code", "failure_message", "updated_at"])
    return applied(f"payment {status}; the hold stays until it expires")


def apply_event(provider: str, event: ProviderEvent) -> Handled:
    """Apply one provider event; returns whether it changed anything, and what happened.
    In the caller's transaction when there is one, without a savepoint of its own (the
    webhook inbox handles each delivery in one: an error rolls back to it), else in its
    own."""
    with transaction.atomic(savepoint=False):
        return _apply_event(provider, event)


def _apply_event(provider: str, event: ProviderEvent) -> Handled:
    if event.outcome is None:
        return ignored(f"{event.event_type or 'this event'} needs nothing from us")
    payment = _find_payment(provider, event)
    if payment is None:
        logger.warning("%s event %s for an unknown payment", provider, event.event_id)
        return ignored("no such payment here")
    booking = locked_booking(payment.booking_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if event.outcome == Outcome.SUCCEEDED:
        result = _succeeded(payment, booking, event)
    elif event.outcome == Outcome.REFUNDED:
        result = _refunded(payment, booking, event)
    elif event.outcome == Outcome.FAILED:
        result = _failed_or_canceled(payment, Payment.Status.FAILED, event)
    else:
        result = _failed_or_canceled(payment, Payment.Status.CANCELED, event)
    logger.info("%s %s: %s (booking %s)", provider, event.event_type, result.detail, booking.pk)
    return result


@transaction.atomic
def refund_booking_payments(*, booking: Booking, note: str, actor: Principal | None) -> Booking:
    """Staff cancel with a refund: every succeeded payment goes back through its provider
    (cash is handed back at the desk), the places are freed and the booking is refunded.
    With nothing paid, this is a plain cancellation. Audited."""
    booking = locked_booking(booking.pk)
    require(actor, Role.STAFF, booking.event)
    if not booking.payments.filter(status=Payment.Status.SUCCEEDED).exists():
        return booking_cancel(booking=booking, note=note, actor=actor)
    before = snapshot(booking, AUDITED)
    booking = refund_booking_payments_for(booking=booking, note=note)
    audit_booking(actor, "booking.refund", booking, before)
    return booking


@transaction.atomic
def refund_booking_payments_for(
    *, booking: Booking, note: str, amount: Decimal | None = None
) -> Booking:
    """Every succeeded payment of a (sold) booking goes back through its provider, its
    places are freed and it ends refunded; with nothing paid, it is cancelled. No staff
    check: for what a refund of something else brings along (an upgrade of a refunded
    ticket), and a guest's cancellation within its policy. ``amount``: only this much goes
    back (a late cancellation's percentage), taken from the payments in the order they were
    made, each through its provider for its part; the rest is kept."""
    booking = locked_booking(booking.pk)
    paid = list(
        booking.payments.select_for_update()
        .filter(status=Payment.Status.SUCCEEDED)
        .order_by("created_at", "pk")
    )
    if not paid:
        return booking_cancel(booking=booking, note=note)
    check_transition(booking, S.REFUNDED)
    taken = sum((p.amount - p.refunded_amount for p in paid), Decimal(0))
    if amount is None or amount >= taken:
        booking_refund(booking=booking, note=note)
        for payment in paid:
            refund_now(payment, booking, note)
        return booking
    booking_refund(booking=booking, amount=amount, note=note)
    left = amount
    for payment in paid:
        if left <= 0:
            break
        part = min(left, payment.amount - payment.refunded_amount)
        left -= part
        # The payment stays succeeded: what it keeps was taken. Its provider is asked for
        # ``refunded_amount`` (``refund`` sends a part when it is less than the amount).
        payment.refunded_amount += part
        payment.save(update_fields=["refunded_amount", "updated_at"])
        owe(payment, "refund")
    return booking
