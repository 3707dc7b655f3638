"""Starting a payment at a provider, and the staff's cash and comp confirmations."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role
from backend.accounts.roles import require
from backend.bookings.models import Booking
from backend.bookings.services.bookings import (
    AUDITED,
    PAY_AT_VENUE,
    audit_booking,
    booking_confirm,
    locked_booking,
)
from backend.bookings.services.fees import is_fee
from backend.bookings.services.transitions import SOLD, InvalidTransition, settle
from backend.core.audit import snapshot
from backend.core.errors import Conflict, NotFound, ValidationError
from backend.inventory.models import Hold
from backend.inventory.services.holds import HoldExpired
from backend.payments import hooks
from backend.payments.models import Payment
from backend.payments.providers import usable_provider
from backend.payments.providers.base import (
    BadSignature,
    Checkout,
    Outcome,
    ProviderEvent,
    minor_units,
)
from backend.payments.providers.razorpay import RazorpayProvider
from backend.payments.providers.test import HEADER, test_event, test_secret
from backend.payments.services.actions import owe
from backend.payments.services.outcomes import apply_event
from backend.payments.signing import sign
from backend.webhooks.services import webhook_receive

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.accounts.models import User

OPEN = (Payment.Status.CREATED, Payment.Status.FAILED)


def _payable(booking: Booking, now: datetime) -> None:
    if booking.status != Booking.Status.PENDING_PAYMENT:
        raise InvalidTransition(booking, Booking.Status.CONFIRMED)
    if is_fee(booking):  # a fee has no hold: it waits until paid or cancelled
        return
    hold = booking.hold
    if hold is None or hold.status != Hold.Status.ACTIVE or hold.expires_at <= now:
        raise HoldExpired("The hold for this booking has expired; start again.")


def payment_start(*, booking: Booking, provider: object) -> tuple[Payment, Checkout]:
    """What the guest's client needs to pay. One payment per booking and provider while it
    is open, so paying again (a reload, a second tab) resumes it instead of charging twice:
    the provider call is idempotent on the payment's id."""
    chosen = usable_provider(provider)
    now = timezone.now()
    with transaction.atomic():
        booking = locked_booking(booking.pk)
        _payable(booking, now)
        payment = booking.payments.filter(provider=chosen.name, status__in=OPEN).first()
        if payment is not None and payment.status == Payment.Status.FAILED:
            # The guest tries again: the last decline no longer describes this payment.
            payment.status, payment.failure_code, payment.failure_message = (
                Payment.Status.CREATED,
                "",
                "",
            )
            payment.save(update_fields=["status", "failure_code", "failure_message", "updated_at"])
        if payment is None:
            payment = Payment.objects.create(
                booking=booking,
                provider=chosen.name,
                amount=booking.amount,
                currency=booking.currency,
            )
    checkout = chosen.create_payment(booking, payment)  # outside the transaction: network
    if payment.reference != checkout.reference:
        payment.reference = checkout.reference
        payment.save(update_fields=["reference", "updated_at"])
    return payment, checkout


def payment_latest(*, booking: Booking) -> Payment | None:
    """The booking's payment attempt that changed last: what its page says about paying
    (waiting, or failed and why)."""
    return booking.payments.order_by("-updated_at", "-created_at").first()


class PayAtVenueNotAllowed(ValidationError):
    def __init__(self) -> None:
        super().__init__(fields={"provider": ["This event does not take payment at the venue."]})


def booking_pay_at_venue(*, booking: Booking, now: datetime | None = None) -> Payment:
    """The guest pays at the venue (where the event allows it): the booking is confirmed
    at once with its payment due, and an open ``pay_at_venue`` payment says what is owed
    until staff take it (:func:`booking_mark_paid`)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = locked_booking(booking.pk)
        if not booking.event.pay_at_venue:
            raise PayAtVenueNotAllowed()
        _payable(booking, now)
        payment = Payment.objects.create(
            booking=booking, provider=PAY_AT_VENUE, amount=booking.amount, currency=booking.currency
        )
        booking_confirm(booking=booking, provider=PAY_AT_VENUE, now=now)
    return payment


class NothingDue(Conflict):
    code, message = "nothing_due", "Nothing is due on this booking."


def _staff_confirmable(booking: Booking, actor: Principal | None) -> Booking:
    """The booking locked, if ``actor`` is staff of its event and it waits for payment."""
    booking = locked_booking(booking.pk)
    require(actor, Role.STAFF, booking.event)
    if booking.status != Booking.Status.PENDING_PAYMENT:
        raise InvalidTransition(booking, Booking.Status.CONFIRMED, action="be confirmed by staff")
    return booking


@transaction.atomic
def booking_mark_paid(
    *,
    booking: Booking,
    actor: Principal | None,
    method: str = "cash",
    now: datetime | None = None,
) -> Booking:
    """Staff took the money at the venue (``method``: cash or card). A booking waiting for
    payment is confirmed with it; a confirmed one with payment due (paid at the venue, or a
    service added during the job) has what is due recorded as paid. 409 ``nothing_due``
    when it owes nothing. Audited."""
    booking = locked_booking(booking.pk)
    require(actor, Role.STAFF, booking.event)
    before = snapshot(booking, AUDITED)
    if booking.status == Booking.Status.PENDING_PAYMENT:
        cash_confirm(booking=booking, method=method, now=now)
    elif booking.status in SOLD and booking.paid_amount < booking.amount:
        _collect_due(booking, method)
    elif booking.status in SOLD:
        raise NothingDue()
    else:
        raise InvalidTransition(booking, Booking.Status.CONFIRMED, action="be paid at the desk")
    audit_booking(actor, "booking.mark_paid", booking, before)
    return booking


def _collect_due(booking: Booking, method: str) -> None:
    """What a (locked, sold) booking owes, taken at the venue: its open pay-at-venue payment
    becomes the succeeded one (or a new one is recorded), and the booking is paid."""
    due = booking.amount - booking.paid_amount
    payment = booking.payments.filter(provider=PAY_AT_VENUE, status__in=OPEN).first()
    if payment is None:
        payment = Payment(booking=booking, currency=booking.currency)
    payment.provider, payment.status, payment.amount = method, Payment.Status.SUCCEEDED, due
    payment.save()
    booking.paid_amount = booking.amount
    fields = ["paid_amount"]
    if booking.provider in (PAY_AT_VENUE, ""):
        booking.provider = method
        fields.append("provider")
    settle(booking, fields)
    hooks.venue_payment_collected.send(booking=booking)  # it is invoiced


def cash_confirm(*, booking: Booking, method: str = "cash", now: datetime | None = None) -> Booking:
    """Confirm a (locked) booking paid at the desk (cash, or ``method``), with its succeeded
    payment: the step taking cash shares with the desk's upgrades."""
    booking_confirm(booking=booking, provider=method, now=now or timezone.now())
    Payment.objects.create(
        booking=booking,
        provider=method,
        status=Payment.Status.SUCCEEDED,
        amount=booking.amount,
        currency=booking.currency,
    )
    return booking


@transaction.atomic
def booking_comp(
    *, booking: Booking, actor: Principal | None, now: datetime | None = None
) -> Booking:
    """Staff confirm a booking free of charge (a guest of the house). Audited."""
    booking = _staff_confirmable(booking, actor)
    before = snapshot(booking, AUDITED)
    comp_confirm(booking=booking, now=now)
    audit_booking(actor, "booking.comp", booking, before)
    return booking


def comp_confirm(*, booking: Booking, now: datetime | None = None) -> Booking:
    """Confirm a (locked) booking at zero: the step a comp shares with comp tickets."""
    booking.amount = Decimal("0.00")
    booking.save(update_fields=["amount", "updated_at"])
    return booking_confirm(booking=booking, provider="comp", now=now or timezone.now())


def cancel_open_payments(*, booking: Booking) -> None:
    """The booking was given up unpaid: open payments can no longer be paid. Each is
    marked cancelled here and cancelled at its provider (retried until it is done)."""
    for payment in booking.payments.filter(status__in=OPEN).exclude(reference=""):
        payment.status = Payment.Status.CANCELED
        payment.save(update_fields=["status", "updated_at"])
        owe(payment, "cancel")


def close_venue_payments(*, booking: Booking, **_: Any) -> None:
    """A sold booking gave its places back: what was still to be paid at the venue will not
    be, so its open ``pay_at_venue`` payments are cancelled (nothing at a provider)."""
    booking.payments.filter(status__in=OPEN, provider=PAY_AT_VENUE).update(
        status=Payment.Status.CANCELED, updated_at=timezone.now()
    )


def razorpay_checkout_verify(
    *, user: User, order_id: str, payment_id: str, signature: str
) -> Booking:
    """The browser's Razorpay checkout result: the signature is checked against the order id
    *we* stored for this user's booking, then it counts as the ``payment.captured`` webhook
    would (whichever comes first has the effect). The booking, as it now stands."""
    payment = (
        Payment.objects.filter(provider="razorpay", reference=order_id, booking__user=user)
        .select_related("booking")
        .first()
    )
    if payment is None:
        raise NotFound("You have no Razorpay order with this id.")
    if not RazorpayProvider.checkout_signature_valid(payment.reference, payment_id, signature):
        raise BadSignature("The checkout signature is not valid.")
    # Razorpay signs ``order_id|payment_id``, and an order is paid in full at the amount we
    # created it with: the checkout proves our own amount and currency.
    event = ProviderEvent(
        event_id=f"checkout:{payment_id}",
        event_type="checkout.verified",
        outcome=Outcome.SUCCEEDED,
        reference=payment.reference,
        provider_payment_id=payment_id,
        amount_minor=minor_units(payment.amount, payment.currency),
        currency=payment.currency,
    )
    apply_event("razorpay", event)
    payment.booking.refresh_from_db(fields=["status"])
    return payment.booking


def test_checkout_press(
    *,
    payment: Payment,
    paid: bool,
    decline: str = "",  # noqa: PT028 (not a test: the test provider's button)
) -> None:
    """The test provider's Pay or Fail button (failing with ``decline``, a card_declined by
    default): the event a provider would send, signed and handed to the same webhook path as
    the real providers'."""
    event_type = "payment.succeeded" if paid else "payment.failed"
    event = test_event(payment, event_type, f"evt_test_{uuid.uuid4().hex}", decline=decline)
    body = json.dumps(event).encode()
    with transaction.atomic():
        webhook_receive(sender="test", body=body, headers={HEADER: sign(test_secret(), body)})
