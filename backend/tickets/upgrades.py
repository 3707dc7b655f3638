"""Upgrades: a ticket moves to a better ticket type or seat, the guest paying the difference.

An upgrade is a small booking of the new place, whose amount is the difference in price; it
is paid through the same providers and confirmed by the same webhook path. Its confirmation
(the ``ON_CONFIRM`` hook, in the transaction that sells the new place) gives the old place
back and moves the ticket: new place, new version (the old QR code is void). The new place
then belongs to the original booking, so a later refund of that booking frees the right one.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from backend.bookings.models import Booking, BookingItem
from backend.bookings.services.bookings import booking_confirm, booking_create
from backend.core.errors import Conflict, NotFound
from backend.inventory.models import Resource, Slot
from backend.inventory.services.holds import HoldNotActive, ItemRequest, hold_create, sale_release
from backend.tickets.models import Ticket
from backend.tickets.selectors import tickets_of

UPGRADABLE = frozenset({Resource.Kind.SEAT, Resource.Kind.TICKET})


class NotUpgradable(Conflict):
    code = "not_upgradable"


def _paid_price(ticket: Ticket) -> Decimal:
    item = ticket.booking.items.filter(slot_id=ticket.slot_id).first()
    return item.unit_price if item is not None else ticket.slot.unit_price


@transaction.atomic
def ticket_upgrade_start(*, ticket_id: int, user: object, slot_id: int) -> Booking:
    """Hold the new place and make the upgrade booking (amount: the difference). A free
    upgrade is confirmed at once; otherwise the guest pays it like any booking."""
    ticket = tickets_of(user).select_for_update(of=("self",)).filter(pk=ticket_id).first()
    if ticket is None:
        raise NotFound("You have no ticket with this id.")
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
    hold = hold_create(user=user, event=ticket.event, items=[ItemRequest(target.pk, 1)])
    booking = booking_create(
        user=user, hold_id=hold.pk, details={"holders": [ticket.holder_name or "Guest"]}
    )
    booking.amount = difference
    booking.details = {**booking.details, "upgrade_ticket": ticket.pk}
    booking.save(update_fields=["amount", "details", "updated_at"])
    if difference == 0 and booking.status == Booking.Status.PENDING_PAYMENT:
        booking_confirm(booking=booking, provider="free")
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
    sale_release(event=booking.event, units={old_slot.pk: 1})
    original = ticket.booking
    old_item = original.items.get(slot=old_slot)
    if old_item.quantity > 1:
        old_item.quantity -= 1
        old_item.save(update_fields=["quantity"])
    else:
        old_item.delete()
    moved, created = BookingItem.objects.get_or_create(
        booking=original, slot=new_slot, defaults={"quantity": 1, "unit_price": new_item.unit_price}
    )
    if not created:
        moved.quantity += 1
        moved.save(update_fields=["quantity"])
    new_item.delete()  # the place is the original booking's now (see the module's note)
    ticket.slot, ticket.label = new_slot, str(new_slot.resource)
    ticket.version += 1
    ticket.save(update_fields=["slot", "label", "version"])
    return ticket
