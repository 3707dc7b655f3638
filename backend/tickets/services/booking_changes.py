"""A guest changes their own booking from My bookings: cancel it or move it to another time,
within its event's policy (``backend.bookings.policy``).

The same services staff use do the work: a cancellation with money to give back is
``refund_booking_payments_for`` (each payment through its provider, the places freed, the
tickets voided, the credit note, the guest's messages), one with nothing to give back is
``booking_cancel``. A move takes the new places with the engine's conditional sale
(``sale_take``: never past capacity) and gives the old ones back (``sale_release``), in one
transaction with the booking's row locked, so two requests on one booking queue and the
second sees what the first did. These live in the tickets app because both need to know
whether the booking's tickets were scanned in, and a move issues its pass again.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from backend.bookings import hooks as booking_hooks
from backend.bookings.models import Booking, BookingItem
from backend.bookings.policy import (
    CancelQuote,
    RescheduleQuote,
    cancel_quote,
    reschedule_quote,
    terms_of,
)
from backend.bookings.services.bookings import (
    AUDITED,
    audit_booking,
    booking_cancel,
    locked_booking,
)
from backend.bookings.services.transitions import booking_changed
from backend.core.audit import audit, snapshot
from backend.core.errors import Conflict, ValidationError
from backend.inventory.models import Slot
from backend.inventory.services.holds import sale_release, sale_take
from backend.payments.services.outcomes import refund_booking_payments_for
from backend.tickets import hooks
from backend.tickets.models import Ticket

if TYPE_CHECKING:
    from uuid import UUID

    from backend.accounts.models import User

S = Booking.Status

# Why a change is refused: the error code and what the guest reads.
REFUSALS = {
    "already_cancelled": "This booking is already cancelled.",
    "checked_in": "This booking has been checked in; it can no longer be changed.",
    "not_changeable": "Only a confirmed booking can be changed.",
    "not_cancellable": "This event's bookings cannot be cancelled.",
    "already_started": "This booking has started; it can no longer be cancelled.",
    "not_reschedulable": "This event's bookings cannot be moved to another time.",
    "reschedule_closed": "It is too late to move this booking.",
}


class ChangeRefused(Conflict):
    """409 with the policy's reason as the code (``REFUSALS``)."""

    def __init__(self, reason: str, **extra: Any) -> None:
        super().__init__(REFUSALS[reason], code=reason, **extra)


class PriceDiffers(Conflict):
    code = "reschedule_price_differs"


def _checked_in(booking: Booking) -> bool:
    return Ticket.objects.filter(booking=booking, admitted_at__isnull=False).exists()


def _items(booking: Booking) -> list[BookingItem]:
    return list(booking.items.select_related("slot__resource").order_by("slot__starts_at", "pk"))


def booking_change_quote(
    *, booking: Booking, now: datetime | None = None
) -> tuple[CancelQuote, RescheduleQuote]:
    """What the guest may do now, and what a cancellation would give back (nothing is
    decided by it: the services ask again under the booking's lock)."""
    now = now or timezone.now()
    terms = terms_of(booking.event_id)
    checked_in = _checked_in(booking)
    return (
        cancel_quote(booking, terms, now=now, checked_in=checked_in),
        reschedule_quote(booking, terms, now=now, checked_in=checked_in),
    )


@transaction.atomic
def booking_guest_cancel(
    *, user: User, booking_id: UUID | str, now: datetime | None = None
) -> Booking:
    """The guest cancels their booking. Waiting for payment: given up, as before. Confirmed:
    within the policy, what it allows goes back through the providers and the places are
    free at once; audited with the guest as the actor. Refused (409, the reason as the code)
    outside the policy, after check-in, or when already cancelled."""
    now = now or timezone.now()
    booking = locked_booking(booking_id, user=user)
    if booking.status == S.PENDING_PAYMENT:
        return booking_cancel(
            booking=booking, note="Cancelled by the guest.", unpaid_only=True, now=now
        )
    quote = cancel_quote(
        booking, terms_of(booking.event_id), now=now, checked_in=_checked_in(booking)
    )
    if not quote.allowed:
        raise ChangeRefused(quote.reason)
    before = snapshot(booking, AUDITED)
    note = f"Cancelled by the guest ({quote.refund_percent}% refunded by the policy)."
    if quote.refund_amount > 0:
        booking = refund_booking_payments_for(
            booking=booking, note=note, amount=quote.refund_amount
        )
    else:
        booking = booking_cancel(booking=booking, note=note, now=now)
    audit_booking(user, "booking.guest_cancel", booking, before)
    return booking


def _targets(items: list[BookingItem], starts_at: datetime) -> dict[int, Slot]:
    """Each item's slot, moved so that the booking starts at ``starts_at``: the same
    resource, the same offset from the start (a stay's nights, a meeting's consecutive
    slots, an appointment's hours)."""
    shift = starts_at - items[0].slot.starts_at
    wanted = {(i.slot.resource_id, i.slot.starts_at + shift): i.slot_id for i in items}
    found = Slot.objects.select_related("resource").filter(
        resource_id__in={key[0] for key in wanted},
        starts_at__in={key[1] for key in wanted},
    )
    moved = {
        wanted[(s.resource_id, s.starts_at)]: s
        for s in found
        if (s.resource_id, s.starts_at) in wanted
    }
    if len(moved) != len(items):
        raise ValidationError(
            "This booking cannot start at that time.",
            fields={"starts_at": ["There is no such time for this booking."]},
        )
    return moved


@transaction.atomic
def booking_reschedule(
    *, user: User, booking_id: UUID | str, starts_at: datetime, now: datetime | None = None
) -> Booking:
    """The guest moves their confirmed booking so that it starts at ``starts_at``, within
    the policy: every slot shifts by the same amount, on the same resources. The new
    places are sold with the engine's conditional statement (409 ``sold_out`` when one is
    gone, changing nothing) and the old ones given back, live availability follows; the
    pass is issued again on the new time (its old code scans ``void``); the guest gets a
    new confirmation; audited. A time at another price is refused (409
    ``reschedule_price_differs``): the guest cancels by the policy and books again."""
    now = now or timezone.now()
    booking = locked_booking(booking_id, user=user)
    quote = reschedule_quote(
        booking, terms_of(booking.event_id), now=now, checked_in=_checked_in(booking)
    )
    if not quote.allowed:
        raise ChangeRefused(quote.reason)
    items = _items(booking)
    if not items:
        raise ChangeRefused("not_reschedulable")
    if starts_at == items[0].slot.starts_at:
        raise ValidationError(
            "The booking already starts then.",
            fields={"starts_at": ["Choose another time than the booking's own."]},
        )
    if starts_at <= now:
        raise ValidationError(
            "That time has passed.", fields={"starts_at": ["Choose a time in the future."]}
        )
    moved = _targets(items, starts_at)
    priced_by_lines = booking.lines.exists()  # an appointment: its slots cost nothing
    old_total = sum((i.unit_price * i.quantity for i in items), Decimal(0))
    new_total = (
        old_total
        if priced_by_lines
        else sum((moved[i.slot_id].unit_price * i.quantity for i in items), Decimal(0))
    )
    if new_total != old_total:
        raise PriceDiffers(
            "That time costs a different amount; cancel this booking and book it instead.",
            amount=f"{old_total:.2f}",
            new_amount=f"{new_total:.2f}",
        )
    old_units = Counter({i.slot_id: i.quantity for i in items})
    new_units = Counter({moved[i.slot_id].pk: i.quantity for i in items})
    taken, given = dict(new_units - old_units), dict(old_units - new_units)
    # Every slot touched, locked in id order: a move the other way waits, never deadlocks.
    list(
        Slot.objects.select_for_update()
        .filter(pk__in=sorted({*taken, *given}))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    before = {"starts_at": items[0].slot.starts_at.isoformat(), "slots": sorted(old_units)}
    if taken:
        sale_take(event=booking.event, units=taken, now=now)  # SoldOut: nothing changed
    if given:
        sale_release(event=booking.event, units=given, now=now)
    booking.items.all().delete()
    BookingItem.objects.bulk_create(
        BookingItem(
            booking=booking,
            slot=moved[i.slot_id],
            quantity=i.quantity,
            unit_price=Decimal("0.00") if priced_by_lines else moved[i.slot_id].unit_price,
        )
        for i in items
    )
    _reissue_tickets(booking, moved)
    booking.details = {
        **booking.details,
        "rescheduled": [
            *booking.details.get("rescheduled", []),
            {"from": before["starts_at"], "to": starts_at.isoformat(), "at": now.isoformat()},
        ],
    }
    booking.save(update_fields=["details", "updated_at"])
    booking_changed(booking)  # the staff's list shows the new time
    audit(
        actor=user,
        action="booking.reschedule",
        obj=booking,
        event=booking.event,
        before=before,
        after={"starts_at": starts_at.isoformat(), "slots": sorted(new_units)},
    )
    # A new confirmation, with the new time (the booking's confirmation message).
    transaction.on_commit(
        lambda: booking_hooks.booking_changed.send(booking=booking, kind="confirmed"),
        robust=True,
    )
    return booking


def _reissue_tickets(booking: Booking, moved: dict[int, Slot]) -> None:
    """Every valid ticket of the booking onto its slot's new time, with a new version (its
    old QR code scans ``void``); wallet passes update (``ticket_changed``)."""
    changed = []
    tickets = Ticket.objects.select_for_update(of=("self",)).filter(
        booking=booking, status=Ticket.Status.VALID
    )
    for ticket in tickets:
        slot = moved.get(ticket.slot_id)
        if slot is None:
            continue
        ticket.slot = slot
        ticket.version += 1
        ticket.save(update_fields=["slot", "version"])
        changed.append(ticket.pk)
    if changed:
        hooks.ticket_changed.send(ticket_ids=changed)
