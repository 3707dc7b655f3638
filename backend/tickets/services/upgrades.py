"""Upgrades: a ticket moves to a better ticket type or seat, the difference in price paid.

An upgrade is a small booking of the new place, whose amount is the difference in price; it
is paid through the same providers and confirmed by the same webhook path. Its confirmation
(in the transaction that sells the new place) gives the old place back and moves the ticket:
new place, new version (the old QR code is void). The new place then belongs to the original
booking, so a later refund of that booking frees the right one. The upgrade booking keeps
what it changed (``upgrade_from``), so that refunding it puts the ticket back on the place
that was paid for, with a new code again.

The holder starts an upgrade and pays it; staff of the event may start one for a holder
(the festival desk's "process upgrade"), taken in cash, given free, or left for the holder
to pay.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet

from backend.accounts.models import Role
from backend.accounts.roles import where_may
from backend.bookings.models import Booking, BookingItem
from backend.bookings.services.bookings import (
    booking_confirm,
    booking_create,
    locked_booking,
    refund_is_made,
)
from backend.core.audit import audit
from backend.core.errors import Conflict, NotFound
from backend.inventory.models import Resource, Slot
from backend.inventory.pricing import charge_of
from backend.inventory.services.holds import (
    HoldNotActive,
    ItemRequest,
    SoldOut,
    hold_create,
    sale_release,
    sale_take,
)
from backend.payments.services.payments import cash_confirm, comp_confirm
from backend.tickets import hooks
from backend.tickets.models import Ticket
from backend.tickets.selectors import holder_of, tickets_of

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.accounts.models import User

logger = logging.getLogger(__name__)
UPGRADABLE = frozenset({Resource.Kind.SEAT, Resource.Kind.TICKET})
STAFF_PAYMENTS = ("guest", "cash", "comp")


class NotUpgradable(Conflict):
    code = "not_upgradable"


class UpgradeNotReversible(Conflict):
    code = "upgrade_not_reversible"


def _paid_price(ticket: Ticket) -> Decimal:
    item = ticket.booking.items.filter(slot_id=ticket.slot_id).first()
    return item.unit_price if item is not None else ticket.slot.unit_price


def _start(ticket: Ticket, slot_id: int) -> Booking:
    """Hold the new place for the ticket's holder and make the upgrade booking (amount: the
    difference), an amendment of the ticket's booking. Call with both locked, the booking
    first (``_locked``)."""
    if ticket.status != Ticket.Status.VALID or ticket.admitted_at is not None:
        raise NotUpgradable("Only a valid ticket that has not been used can be upgraded.")
    target = (
        Slot.objects.select_related("resource")
        .filter(pk=slot_id, resource__event_id=ticket.event_id, resource__kind__in=UPGRADABLE)
        .first()
    )
    if target is None or target.pk == ticket.slot_id:
        raise NotUpgradable("Choose another ticket type or seat of this event.")
    difference = target.unit_price - _paid_price(ticket)
    if difference < 0:
        raise NotUpgradable("That is not an upgrade: it costs less than this ticket.")
    holder = holder_of(ticket)
    hold = hold_create(
        user=holder, event=ticket.event, items=[ItemRequest(target.pk, 1)], amending=True
    )
    booking = booking_create(
        user=holder,
        hold_id=hold.pk,
        details={"holders": [ticket.holder_name or "Guest"]},
        amends=ticket.booking,
    )
    # The difference at the event's tax: with net prices, the difference plus its tax
    # (billed as one line for the booking: ``backend.bookings.billing.billed_of``).
    booking.amount = charge_of(event=ticket.event, prices=[difference])
    booking.details = {**booking.details, "upgrade_ticket": ticket.pk}
    booking.save(update_fields=["amount", "details", "updated_at"])
    if booking.amount == 0 and booking.status == Booking.Status.PENDING_PAYMENT:
        booking_confirm(booking=booking, provider="free")
    return booking


def _locked(tickets: QuerySet[Ticket], ticket_id: int) -> Ticket:
    """One of ``tickets``, locked after its booking (the order every path that changes a
    booking's places takes: the booking, then its tickets, then slots), or NotFound."""
    booking_id = tickets.filter(pk=ticket_id).values_list("booking_id", flat=True).first()
    if booking_id is None:
        raise NotFound("No ticket of yours, or of your events, has this id.")
    locked_booking(booking_id)
    ticket = (
        tickets.select_for_update(of=("self",))
        .select_related("booking", "event", "slot")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None:  # transferred away meanwhile
        raise NotFound("No ticket of yours, or of your events, has this id.")
    return ticket


@transaction.atomic
def ticket_upgrade_start(*, ticket_id: int, user: User, slot_id: int) -> Booking:
    """The holder upgrades their ticket: a free upgrade is confirmed at once; otherwise
    they pay the upgrade booking like any booking."""
    return _start(_locked(tickets_of(user), ticket_id), slot_id)


@transaction.atomic
def staff_ticket_upgrade(
    *, ticket_id: int, slot_id: int, actor: Principal | None, payment: str
) -> Booking:
    """Staff of the ticket's event upgrade it for its holder (audited, one row): ``cash``
    taken at the desk, ``comp`` given free, or ``guest`` left for the holder to pay. A
    ticket of another event is not found."""
    if payment not in STAFF_PAYMENTS:
        raise ValueError(f"payment must be one of {STAFF_PAYMENTS}")
    ticket = _locked(Ticket.objects.filter(where_may(actor, Role.STAFF)), ticket_id)
    before = {"slot": ticket.slot_id, "label": ticket.label, "version": ticket.version}
    booking = _start(ticket, slot_id)
    if booking.status == Booking.Status.PENDING_PAYMENT and payment == "cash":
        booking = cash_confirm(booking=locked_booking(booking.pk))
    elif booking.status == Booking.Status.PENDING_PAYMENT and payment == "comp":
        booking = comp_confirm(booking=locked_booking(booking.pk))
    ticket.refresh_from_db(fields=["slot", "label", "version"])
    after = {"slot": ticket.slot_id, "label": ticket.label, "version": ticket.version,
             "upgrade_booking": str(booking.pk), "payment": payment,
             "amount": booking.amount, "status": booking.status}  # fmt: skip
    audit(actor=actor, action="ticket.upgrade", obj=ticket, event=ticket.event,
          before=before, after=after)  # fmt: skip
    return booking


def ticket_upgrade_finish(booking: Booking) -> Ticket:
    """In the transaction that confirmed the upgrade booking: free the old place and move
    the ticket to the new one. If the ticket cannot move any more (used, voided meanwhile),
    HoldNotActive makes the payment path refund the upgrade."""
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("booking", "slot")
        .filter(pk=booking.details["upgrade_ticket"])
        .first()
    )
    if ticket is None or ticket.status != Ticket.Status.VALID or ticket.admitted_at is not None:
        raise HoldNotActive("The ticket can no longer be upgraded.")
    new_item = booking.items.select_related("slot__resource").get()
    old_slot, new_slot = ticket.slot, new_item.slot
    old_price = _paid_price(ticket)
    sale_release(event=booking.event, units={old_slot.pk: 1})
    _move_item(ticket.booking, old_slot, new_slot, new_item.unit_price)
    new_item.delete()  # the place is the original booking's now (see the module's note)
    booking.details = {
        **booking.details,
        "upgrade_from": {"slot": old_slot.pk, "unit_price": str(old_price)},
        "upgrade_to": {"slot": new_slot.pk, "unit_price": str(new_item.unit_price)},
    }
    booking.save(update_fields=["details", "updated_at"])
    _reissue(ticket, new_slot)
    return ticket


def ticket_upgrade_undo(booking: Booking) -> Ticket | None:
    """In the transaction that refunds or cancels a confirmed upgrade booking: the ticket
    goes back to the place that was paid for, with a new code, and the upgrade's place is
    free again. Nothing to do when the original booking is itself gone (its refund voided
    the ticket). When the old place has been sold since, or the ticket was upgraded again,
    a staff refund is refused (UpgradeNotReversible, changing nothing); a refund the
    provider already made is recorded all the same, the ticket keeping its place, and the
    desk is told in the audit log."""
    moved_from, moved_to = booking.details.get("upgrade_from"), booking.details.get("upgrade_to")
    if not moved_from or not moved_to:
        return None  # never finished: nothing moved
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("booking", "slot")
        .filter(pk=booking.details["upgrade_ticket"])
        .first()
    )
    if ticket is None or ticket.status != Ticket.Status.VALID:
        return None
    if ticket.slot_id != moved_to["slot"]:
        _not_reversible(booking, "This ticket was upgraded again since; undo that first.")
        return None
    old_slot = Slot.objects.select_related("resource").get(pk=moved_from["slot"])
    try:
        sale_take(event=booking.event, units={old_slot.pk: 1})
    except SoldOut:
        _not_reversible(
            booking,
            "The place this ticket had before the upgrade has been sold since; refund the "
            "whole booking instead.",
        )
        return None
    sale_release(event=booking.event, units={ticket.slot_id: 1})
    _move_item(ticket.booking, ticket.slot, old_slot, Decimal(moved_from["unit_price"]))
    _reissue(ticket, old_slot)
    return ticket


def _not_reversible(booking: Booking, why: str) -> None:
    """Refuse (a staff refund), or record for the desk in the audit log (a refund the
    provider already made: the ticket keeps its upgraded place)."""
    if not refund_is_made():
        raise UpgradeNotReversible(why)
    audit(actor=None, action="upgrade.not_undone", obj=booking, event=booking.event,
          after={"ticket": booking.details["upgrade_ticket"], "why": why})  # fmt: skip
    logger.error("upgrade %s refunded at the provider but not undone: %s", booking.pk, why)


def _move_item(original: Booking, from_slot: Slot, to_slot: Slot, unit_price: Decimal) -> None:
    """One unit of ``original`` moves from one place to another."""
    item = original.items.get(slot=from_slot)
    if item.quantity > 1:
        item.quantity -= 1
        item.save(update_fields=["quantity"])
    else:
        item.delete()
    moved, created = BookingItem.objects.get_or_create(
        booking=original, slot=to_slot, defaults={"quantity": 1, "unit_price": unit_price}
    )
    if not created:
        moved.quantity += 1
        moved.save(update_fields=["quantity"])


def _reissue(ticket: Ticket, slot: Slot) -> None:
    """The ticket on ``slot``, issued again: the code it had scans ``void`` from now on."""
    ticket.slot, ticket.label = slot, str(slot.resource)
    ticket.version += 1
    ticket.save(update_fields=["slot", "label", "version"])
    hooks.ticket_changed.send(ticket_ids=[ticket.pk])
