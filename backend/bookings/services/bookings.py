"""Bookings from holds: create, confirm when paid, cancel, refund, expire.

Every function that changes a booking works on the booking's row locked ``FOR UPDATE``, so
a webhook, the guest, staff and the expiry job can race on one booking and each sees the
status the previous one left. Inventory changes go through the engine's services, which keep
``sold + held <= capacity`` on their own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, normalize_email
from backend.accounts.roles import require
from backend.accounts.services.allowlist import allowlist_mark_booked, allowlist_unbook
from backend.bookings import hooks, metrics
from backend.bookings.models import Booking, BookingItem, BookingLine
from backend.bookings.services.details import check_details
from backend.bookings.services.fees import is_fee
from backend.bookings.services.transitions import (
    SOLD,
    InvalidTransition,
    booking_changed,
    check_transition,
    transition,
)
from backend.bookings.services.waitlist import waitlist_take
from backend.core.audit import audit, snapshot
from backend.core.errors import Conflict, NotFound
from backend.inventory.models import Hold
from backend.inventory.pricing import charge_of
from backend.inventory.services.holds import (
    HoldExpired,
    HoldNotActive,
    hold_convert,
    hold_convert_late,
    hold_release,
    sale_release,
)

if TYPE_CHECKING:
    from uuid import UUID

    from backend.accounts.authentication import Principal
    from backend.accounts.models import User

logger = logging.getLogger(__name__)
S = Booking.Status

# Set while a refund the provider has already made is recorded (a webhook): nothing that
# follows from it may refuse, the money is gone either way (see ``refund_already_made``).
_REFUND_MADE: ContextVar[bool] = ContextVar("refund_made", default=False)


@contextmanager
def refund_already_made() -> Iterator[None]:
    """Record a refund the provider already made: what follows from it is done as far as it
    can be, and never refused (a staff refund, which nothing has made yet, may be)."""
    token = _REFUND_MADE.set(True)
    try:
        yield
    finally:
        _REFUND_MADE.reset(token)


def refund_is_made() -> bool:
    return _REFUND_MADE.get()


# What the audit log keeps of a booking, before and after a staff action.
AUDITED = (
    "status", "amount", "paid_amount", "refunded_amount", "payment_status", "provider", "note",
)  # fmt: skip

# The booking is confirmed at once and paid at the venue later (``payment_status: due``).
PAY_AT_VENUE = "pay_at_venue"


class BookingExists(Conflict):
    code, message = "booking_exists", "This hold already has a booking."


def _notify(booking: Booking, kind: str) -> None:
    """After commit: the guest's e-mail (``hooks.booking_changed``)."""
    transaction.on_commit(
        lambda: hooks.booking_changed.send(booking=booking, kind=kind), robust=True
    )


def locked_booking(booking_id: UUID | str, **filters: Any) -> Booking:
    """The booking's row, locked until the transaction ends (call inside ``atomic``)."""
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("event", "hold", "user")
        .filter(pk=booking_id, **filters)
        .first()
    )
    if booking is None:
        raise NotFound("There is no such booking.")
    return booking


@transaction.atomic
def booking_create(
    *,
    user: User,
    hold_id: UUID | str,
    guests: Any = None,
    details: Any = None,
    contact_email: str = "",
    amends: Booking | None = None,
    now: datetime | None = None,
) -> Booking:
    """A booking from the caller's live hold. The amount comes from the slots' prices and
    the held quantities (nights are slots too), or for a service appointment from its priced
    lines (``appointments``), each line at the event's tax (``billing.charge_of``: net prices
    are charged with their tax); whatever amount a client sends is ignored.
    ``contact_email``: where its e-mails go (a repair appointment's details name their own;
    default: the account's address once verified). A booking that costs nothing is confirmed
    at once. ``amends``: the booking this one
    changes (an upgrade): it uses no invitation, and it is locked after the booking it
    amends whenever both are (see :func:`lock_amended`)."""
    now = now or timezone.now()
    hold = (
        Hold.objects.select_for_update(of=("self",))
        .select_related("event")
        .filter(pk=hold_id, user=user)
        .first()
    )
    if hold is None:
        raise NotFound("You have no hold with this id.")
    if Booking.objects.filter(hold=hold).exists():
        raise BookingExists(booking=str(Booking.objects.get(hold=hold).pk))
    if hold.status == Hold.Status.EXPIRED or (
        hold.status == Hold.Status.ACTIVE and hold.expires_at <= now
    ):
        raise HoldExpired()
    if hold.status != Hold.Status.ACTIVE:
        raise HoldNotActive()
    event = hold.event
    items = list(hold.items.all().select_related("slot__resource").order_by("slot_id"))
    checked = check_details(event, items, guests, details)
    if amends is not None:
        checked.details["amends"] = str(amends.pk)
    elif event.allowlist_only:
        allowlist_mark_booked(event=event, phone=user.phone, now=now)
    verified_email = (user.email or "") if user.email_verified else ""
    booking = Booking.objects.create(
        event=event,
        user=user,
        hold=hold,
        # What its lines charge at the event's tax (``billing``): with net prices, each
        # line's price plus its tax, as the invoice will bill it.
        amount=charge_of(
            event=event,
            prices=(
                [line.amount for line in checked.lines]
                if checked.lines
                else [i.slot.unit_price * i.quantity for i in items]
            ),
        ),
        currency=event.currency,
        contact_name=checked.contact_name or user.name,
        contact_phone=checked.contact_phone or (user.phone or ""),
        contact_email=checked.contact_email or normalize_email(contact_email) or verified_email,
        language=getattr(user, "language", "") or event.language,
        details=checked.details,
        created_at=now,
    )
    # Where priced lines make the amount (a service appointment), the slots held are the time
    # it takes and cost nothing of their own, so the items add up to nothing, not to a
    # second price.
    BookingItem.objects.bulk_create(
        BookingItem(
            booking=booking,
            slot=i.slot,
            quantity=i.quantity,
            unit_price=Decimal("0.00") if checked.lines else i.slot.unit_price,
        )
        for i in items
    )
    BookingLine.objects.bulk_create(
        BookingLine(
            booking=booking,
            kind=line.kind,
            service_id=line.service,
            name=line.name,
            amount=line.amount,
            created_at=now,
        )
        for line in checked.lines
    )
    booking_changed(booking)  # the staff's list shows it
    waitlist_take(hold=hold, now=now)  # a waitlist's offer, if the hold was one, is taken
    metrics.booking_counted("made")
    if booking.amount == 0:
        booking_confirm(booking=booking, provider="free", now=now)
    return booking


def _sold_units(booking: Booking) -> dict[int, int]:
    return dict(booking.items.values_list("slot_id", "quantity"))


def lock_amended(booking: Booking) -> Booking | None:
    """The booking ``booking`` amends (an upgrade's original), locked, or None.

    The lock order between the two is: the amendment, then the booking it amends, then
    slots and tickets. So whatever changes an amendment's inventory takes this lock first,
    and nothing holding an original's lock waits for one of its amendments (a refund of the
    original ends them after it commits)."""
    amended = booking.details.get("amends")
    return locked_booking(amended) if amended else None


def booking_confirm(*, booking: Booking, provider: str, now: datetime | None = None) -> Booking:
    """Paid: the hold becomes a sale and the booking ``confirmed``, in this transaction,
    and its tickets are issued in it (``hooks.booking_confirmed``; an upgrade moves its
    ticket).

    After the hold ended (expired, released, or the booking was given up), the same units
    are sold again if they are free; otherwise :class:`SoldOut` is raised and nothing
    changes, and the caller refunds. Call with the booking locked."""
    now = now or timezone.now()
    if booking.status in SOLD:
        return booking
    hold = booking.hold
    if hold is None and not is_fee(booking):
        raise HoldNotActive("This booking has nothing left to sell.")
    try:
        with transaction.atomic():
            lock_amended(booking)
            if hold is not None:
                _sell(hold, now)
            if (
                booking.event.allowlist_only
                and booking.status != S.PENDING_PAYMENT
                and "amends" not in booking.details
            ):
                allowlist_mark_booked(event=booking.event, phone=booking.user.phone, now=now)
            booking.provider = provider
            if provider != PAY_AT_VENUE:  # paid in full (or free); at the venue it is due
                booking.paid_amount = booking.amount
            transition(booking, S.CONFIRMED, also=("provider", "paid_amount"))
            hooks.booking_confirmed.send(booking=booking)  # tickets are issued
    except Exception:
        # Rolled back: the objects must say what the database says again, or a caller that
        # refunds next would give back units that were never sold.
        booking.refresh_from_db()
        if hold is not None:
            hold.refresh_from_db()
        raise
    metrics.booking_counted("confirmed")
    _notify(booking, "confirmed")
    return booking


def _sell(hold: Hold, now: datetime) -> None:
    """The hold's units become sold: converted while it lives, or sold again if free."""
    if hold.status == Hold.Status.ACTIVE and hold.expires_at > now:
        with suppress(HoldExpired):  # the sweeper claimed it this very moment
            hold_convert(hold=hold, now=now)
            return
    hold_convert_late(hold=hold, now=now)


def _give_back(booking: Booking, now: datetime, *, refunded: Decimal | None = None) -> None:
    """Free what this booking took: sold units, or its still-live hold. ``refunded``: only
    this much of what was paid goes back (the rest is kept)."""
    lock_amended(booking)
    if booking.status in SOLD:
        sale_release(event=booking.event, units=_sold_units(booking), now=now)
        hooks.booking_released.send(booking=booking, refunded=refunded)  # tickets are voided
    else:
        if booking.hold is not None and booking.hold.status == Hold.Status.ACTIVE:
            with suppress(HoldExpired, HoldNotActive):  # the sweeper got there first
                hold_release(hold=booking.hold, now=now)
        hooks.booking_given_up.send(booking=booking)  # open payments are cancelled
    if booking.event.allowlist_only and booking.user.phone and "amends" not in booking.details:
        allowlist_unbook(event=booking.event, phone=booking.user.phone)


@transaction.atomic
def booking_cancel(
    *,
    booking: Booking,
    note: str = "",
    unpaid_only: bool = False,
    actor: Principal | None = None,
    now: datetime | None = None,
) -> Booking:
    """Cancel (the guest, or ``actor``: staff of the event, audited): the units are free
    again at once. Money is not touched here: a refund is :func:`booking_refund`.
    ``unpaid_only`` (a guest giving up) refuses a booking that is paid by the time its row
    is locked."""
    now = now or timezone.now()
    booking = locked_booking(booking.pk)
    if actor is not None:
        require(actor, Role.STAFF, booking.event)
    if unpaid_only and booking.status != S.PENDING_PAYMENT:
        raise InvalidTransition(booking, S.CANCELLED)
    if booking.status == S.CANCELLED:
        return booking
    check_transition(booking, S.CANCELLED)
    before = snapshot(booking, AUDITED)
    _give_back(booking, now)
    transition(booking, S.CANCELLED, note=note)
    if actor is not None:
        audit_booking(actor, "booking.cancel", booking, before)
    _notify(booking, "cancelled")
    return booking


def audit_booking(
    actor: Principal | None, action: str, booking: Booking, before: dict[str, Any]
) -> None:
    """One audit row for a staff action on a booking (call in its transaction)."""
    audit(
        actor=actor,
        action=action,
        obj=booking,
        event=booking.event,
        before=before,
        after=snapshot(booking, AUDITED),
    )


def booking_refund(
    *, booking: Booking, amount: Decimal | None = None, note: str = "", now: datetime | None = None
) -> Booking:
    """Record that the money went back (call with the booking locked): ``refunded``, and
    the units are free again if they were still taken. Idempotent."""
    now = now or timezone.now()
    if booking.status == S.REFUNDED:
        return booking
    with transaction.atomic():
        taken = booking.paid_amount or booking.amount  # a late payment was never recorded
        _give_back(booking, now, refunded=amount if amount is not None and amount < taken else None)
        booking.refunded_amount = taken if amount is None else amount
        booking.save(update_fields=["refunded_amount", "updated_at"])
        transition(booking, S.REFUNDED, note=note)
    _notify(booking, "refunded")
    return booking


def bookings_expire(*, now: datetime | None = None, batch: int = 200) -> int:
    """Bookings still waiting for payment whose hold has ended become ``expired`` and give
    their invitation back. A payment that arrives later is still honoured or refunded."""
    now = now or timezone.now()
    stale = list(
        Booking.objects.filter(status=S.PENDING_PAYMENT, hold__isnull=False)
        .exclude(hold__status=Hold.Status.ACTIVE, hold__expires_at__gt=now)
        .values_list("pk", flat=True)[:batch]
    )
    expired = 0
    for booking_id in stale:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("event", "hold", "user")
                .filter(pk=booking_id, status=S.PENDING_PAYMENT)
                .first()
            )
            if booking is None:  # paid, cancelled or being handled this very moment
                continue
            _give_back(booking, now)
            transition(booking, S.EXPIRED, note="The hold ended before payment.")
            _notify(booking, "expired")
            expired += 1
    return expired


@transaction.atomic
def booking_set_status(
    *, booking: Booking, status: str, actor: Principal | None, now: datetime | None = None
) -> Booking:
    """Staff move a booking along the service workflow (confirmed → in_progress →
    completed) or cancel it, through the transition table; audited."""
    if status == S.CANCELLED:
        return booking_cancel(booking=booking, note="Cancelled by staff.", actor=actor, now=now)
    booking = locked_booking(booking.pk)
    require(actor, Role.STAFF, booking.event)
    before = snapshot(booking, AUDITED)
    transition(booking, status)
    audit_booking(actor, "booking.status", booking, before)
    return booking
