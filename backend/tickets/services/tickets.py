"""Issuing tickets (in the transaction that confirms a booking) and voiding them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from backend.bookings.models import Booking
from backend.core.tasks import enqueue
from backend.inventory.models import Resource
from backend.tickets import hooks
from backend.tickets.models import Ticket, TicketTransfer

PER_UNIT = frozenset({Resource.Kind.SEAT, Resource.Kind.TICKET})


def tickets_issue(*, booking: Booking) -> list[Ticket]:
    """One ticket per seat or general-admission unit, in the order of the holder names;
    one pass per booking for rooms, spaces and appointments. Idempotent per booking. An
    upgrade booking moves its ticket instead."""
    if "upgrade_ticket" in booking.details:
        from backend.tickets.services.upgrades import ticket_upgrade_finish

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
    for number, ticket in enumerate(tickets, start=1):
        ticket.reference = ticket_reference(booking=booking, number=number, count=len(tickets))
    return Ticket.objects.bulk_create(tickets)


def ticket_reference(*, booking: Booking, number: int, count: int) -> str:
    """What the guest reads on the ticket: the booking's reference, alone for a booking's
    only ticket, else with the ticket's number in it (``9B2F4C1E-2``); never the id."""
    return booking.reference if count == 1 else f"{booking.reference}-{number}"


def tickets_void(booking: Booking) -> int:
    """A refunded or cancelled booking's tickets stop admitting anyone."""
    valid = booking.tickets.filter(status=Ticket.Status.VALID)
    ticket_ids = list(valid.values_list("pk", flat=True))
    voided = valid.update(status=Ticket.Status.VOID)
    if ticket_ids:
        hooks.ticket_changed.send(ticket_ids=ticket_ids)
    return voided


def tickets_release(*, booking: Booking, **_: Any) -> None:
    """A sold booking gives its places back (refunded or cancelled), in that transaction.

    An upgrade booking puts its ticket back on the place that was paid for. Any other
    booking's tickets are void, and so is everything derived from them: open transfer
    offers end now; upgrades waiting for payment are cancelled and paid ones refunded
    right after this commits (``amendments_end``: the lock order never goes from a booking
    to one of its amendments, see ``lock_amended``)."""
    from backend.tickets.services.upgrades import ticket_upgrade_undo

    if "upgrade_ticket" in booking.details:
        ticket_upgrade_undo(booking)
        return
    ticket_ids = list(booking.tickets.values_list("pk", flat=True))
    tickets_void(booking)
    TicketTransfer.objects.filter(
        ticket_id__in=ticket_ids, status=TicketTransfer.Status.PENDING
    ).update(status=TicketTransfer.Status.CANCELLED, decided_at=timezone.now())
    if amendments_of(booking).exists():
        enqueue("tickets.end_amendments", str(booking.pk))


def amendments_of(original: Booking) -> QuerySet[Booking]:
    """The bookings that change ``original`` (upgrades of its tickets)."""
    ticket_ids = list(original.tickets.values_list("pk", flat=True))  # JSON compares values
    return Booking.objects.filter(
        Q(details__amends=str(original.pk)) | Q(details__upgrade_ticket__in=ticket_ids)
    ).exclude(pk=original.pk)


def amendments_orphaned_end(*, batch: int = 100) -> int:
    """The periodic safety net of ``amendments_end``: upgrades still open (waiting for
    payment or paid) whose original booking was refunded or cancelled (the task after the
    refund was lost). Returns how many originals were seen to."""
    from backend.bookings.services.transitions import SOLD

    open_states = [Booking.Status.PENDING_PAYMENT, *SOLD]
    amended = {
        str(details.get("amends"))
        for details in Booking.objects.filter(
            status__in=open_states, details__has_key="amends"
        ).values_list("details", flat=True)[:batch]
    }
    ended = Booking.objects.filter(pk__in=amended).exclude(status__in=SOLD)
    originals = [str(pk) for pk in ended.values_list("pk", flat=True)]
    for original_id in originals:
        amendments_end(original_id=original_id)
    return len(originals)


def amendments_end(*, original_id: str) -> int:
    """What came from a refunded or cancelled booking ends too: its upgrades waiting for
    payment are cancelled, its paid ones refunded (each in its own transaction, locking the
    amendment first). Returns how many ended."""
    from backend.bookings.services.bookings import booking_cancel
    from backend.bookings.services.transitions import SOLD
    from backend.payments.services.outcomes import refund_booking_payments_for

    original = Booking.objects.filter(pk=original_id).first()
    if original is None or original.status in SOLD:
        return 0
    note = f"The booking it upgraded ({original.reference}) was {original.status}."
    ended = 0
    for upgrade in amendments_of(original).order_by("created_at"):
        if upgrade.status == Booking.Status.PENDING_PAYMENT:
            booking_cancel(booking=upgrade, note=note)
        elif upgrade.status in SOLD:
            refund_booking_payments_for(booking=upgrade, note=note)
        else:
            continue
        ended += 1
    return ended
