"""Issuing tickets (in the transaction that confirms a booking) and voiding them."""

from __future__ import annotations

from backend.bookings.models import Booking
from backend.inventory.models import Resource
from backend.tickets.models import Ticket

PER_UNIT = frozenset({Resource.Kind.SEAT, Resource.Kind.TICKET})


def tickets_issue(booking: Booking) -> list[Ticket]:
    """One ticket per seat or general-admission unit, in the order of the holder names;
    one pass per booking for rooms, spaces and appointments. Idempotent per booking. An
    upgrade booking moves its ticket instead."""
    if "upgrade_ticket" in booking.details:
        from backend.tickets.upgrades import ticket_upgrade_finish

        return [ticket_upgrade_finish(booking)]
    if booking.tickets.exists():
        return list(booking.tickets.all())
    items = list(booking.items.select_related("slot__resource").order_by("slot_id"))
    holders = list(booking.details.get("holders") or [])
    phone = booking.contact_phone or (booking.user.phone or "")
    tickets = []
    for item in items:
        resource = item.slot.resource
        if resource.kind not in PER_UNIT:
            continue
        for _ in range(item.quantity):
            name = holders.pop(0) if holders else booking.contact_name
            tickets.append(
                Ticket(
                    booking=booking,
                    event=booking.event,
                    slot=item.slot,
                    holder_name=name,
                    holder_phone=phone,
                    label=str(resource),
                )
            )
    passes = [item for item in items if item.slot.resource.kind not in PER_UNIT]
    if passes:
        names = sorted({str(item.slot.resource) for item in passes})
        tickets.append(
            Ticket(
                booking=booking,
                event=booking.event,
                slot=passes[0].slot,
                holder_name=booking.contact_name,
                holder_phone=phone,
                label=", ".join(names),
            )
        )
    return Ticket.objects.bulk_create(tickets)


def tickets_void(booking: Booking) -> int:
    """A refunded or cancelled booking's tickets stop admitting anyone."""
    return booking.tickets.filter(status=Ticket.Status.VALID).update(status=Ticket.Status.VOID)
