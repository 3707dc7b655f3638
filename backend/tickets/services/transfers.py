"""Ticket transfers: the holder offers a ticket to a phone number, the person with that
phone accepts it once signed in, and the ticket is issued again to them.

Issuing again means ``version + 1``: the version is inside the signed QR code, so the
sender's old code scans ``void`` from then on, and only the receiver's new one admits.

Rules:

- On an allowlist-only event (the VIP evening) a pass goes only to a phone on the list that
  has not booked yet, and accepting it uses that invitation: an invitation cannot be passed
  on to someone who was not invited.
- Only a valid ticket that has not been admitted yet, held by the caller, may be offered;
  not to the caller's own phone; one open offer per ticket (a second one is 409
  ``transfer_pending``; the sender cancels the first). An offer is open for 48 hours.
- Only the person whose account phone is the offered phone accepts; the sender (and only
  the sender) may cancel while the offer is pending.
- Every decision is taken with the ticket's row locked (``SELECT … FOR UPDATE``), so an
  accept, a cancel, a second accept or a new offer of the same ticket happen one after the
  other: of two accepts at the same instant, exactly one succeeds.

A pending offer past ``expires_at`` is ``expired``; that is computed on reading and stored
only when a new offer replaces it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.accounts.phones import InvalidPhone, normalize_phone, region_of
from backend.accounts.services.allowlist import (
    AlreadyBooked,
    NotOnAllowlist,
    allowlist_mark_booked,
    allowlist_may_book,
)
from backend.core.errors import ApplicationError, Conflict, Forbidden, NotFound, ValidationError
from backend.tickets import hooks
from backend.tickets.models import Ticket, TicketTransfer
from backend.tickets.selectors import tickets_of

if TYPE_CHECKING:
    from backend.accounts.models import User

OFFER_LIFETIME = timedelta(hours=48)
MAX_VERSION = 0xFFFF  # the QR code carries the version in two bytes
NAME_MAX_LENGTH = 150
PENDING = TicketTransfer.Status.PENDING


class TransferPending(Conflict):
    code, message = "transfer_pending", "This ticket is already offered; cancel that offer first."


class TransferNotPending(Conflict):
    code, message = "transfer_not_pending", "This offer was already accepted or cancelled."


class TransferExpired(ApplicationError):
    status, code, message = 410, "transfer_expired", "This offer has expired."


class TicketNotTransferable(Conflict):
    code, message = "ticket_not_transferable", "This ticket can no longer be transferred."


class NotInvited(Forbidden):
    code = "not_invited"
    message = (
        "This event is by invitation: a pass can only go to an invited guest who has not "
        "booked yet."
    )


class TransferToSelf(ValidationError):
    code, message = "transfer_to_self", "This is your own phone number."


def transfers_for(user: User) -> QuerySet[TicketTransfer]:
    """The offers a person made, and those made to their account's phone, newest first."""
    mine = Q(sender=user)
    if getattr(user, "phone", None):
        mine |= Q(phone=user.phone)
    return TicketTransfer.objects.filter(mine).select_related(
        "ticket__event", "ticket__slot", "sender", "receiver"
    )


def _locked_ticket(ticket_id: int) -> Ticket:
    return Ticket.objects.select_for_update(of=("self",)).select_related("event").get(pk=ticket_id)


def _check_transferable(ticket: Ticket) -> None:
    if ticket.status != Ticket.Status.VALID:
        raise TicketNotTransferable("This ticket is void (refunded or cancelled).")
    if ticket.admitted_at is not None:
        raise TicketNotTransferable("This ticket has already been used at a gate.")
    if ticket.version >= MAX_VERSION:
        raise TicketNotTransferable("This ticket has been transferred too many times.")


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            fields={"name": [f"Ensure this field has no more than {NAME_MAX_LENGTH} characters."]}
        )
    return name


def transfer_offer(
    *, ticket: Ticket, user: User, phone: object, name: str = "", now: datetime | None = None
) -> TicketTransfer:
    """Offer one of the caller's tickets to a phone number for 48 hours."""
    now = now or timezone.now()
    try:
        phone = normalize_phone(phone, region=region_of(ticket.event))
    except InvalidPhone as error:
        raise ValidationError(fields={"phone": [str(error)]}) from None
    if phone == user.phone:
        raise TransferToSelf(fields={"phone": ["You cannot transfer a ticket to yourself."]})
    name = _clean_name(name)
    with transaction.atomic():
        locked = _locked_ticket(ticket.pk)
        if not tickets_of(user).filter(pk=locked.pk).exists():
            raise NotFound("You hold no ticket with this id.")
        _check_transferable(locked)
        if locked.event.allowlist_only and not allowlist_may_book(event=locked.event, phone=phone):
            raise NotInvited()
        pending = TicketTransfer.objects.select_for_update().filter(ticket=locked, status=PENDING)
        if any(offer.expires_at > now for offer in pending):
            raise TransferPending()
        pending.update(status=TicketTransfer.Status.EXPIRED)
        try:
            with transaction.atomic():
                transfer = TicketTransfer.objects.create(
                    ticket=locked,
                    sender=user,
                    phone=phone,
                    name=name,
                    created_at=now,
                    expires_at=now + OFFER_LIFETIME,
                )
        except IntegrityError:  # another offer of this ticket, committed meanwhile
            raise TransferPending() from None
        _notice(transfer, "offered")
        return transfer


def _notice(transfer: TicketTransfer, kind: str) -> None:
    """Tell the person concerned once this commits (``transfer_notice``)."""
    transaction.on_commit(
        lambda: hooks.transfer_notice.send(transfer=transfer, kind=kind), robust=True
    )


def _use_invitation(ticket: Ticket, phone: str, now: datetime) -> None:
    """The receiver's invitation is used by accepting (one booking per VIP)."""
    try:
        allowlist_mark_booked(
            event=ticket.event, phone=phone, via=AllowlistEntry.Via.TRANSFER, now=now
        )
    except (NotOnAllowlist, AlreadyBooked):
        raise NotInvited() from None


def _check_pending(transfer: TicketTransfer, now: datetime) -> None:
    status = transfer.effective_status(now)
    if status == TicketTransfer.Status.EXPIRED:
        raise TransferExpired()
    if status != PENDING:
        raise TransferNotPending(f"This offer was already {status}.")


def transfer_cancel(
    *, transfer: TicketTransfer, user: User, now: datetime | None = None
) -> TicketTransfer:
    """The sender takes a pending offer back. Cancelling a cancelled offer changes nothing."""
    now = now or timezone.now()
    if transfer.sender_id != user.pk:
        raise Forbidden("Only the person who made this offer can cancel it.")
    with transaction.atomic():
        _locked_ticket(transfer.ticket_id)
        transfer = TicketTransfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.status == TicketTransfer.Status.CANCELLED:
            return transfer
        _check_pending(transfer, now)
        transfer.status = TicketTransfer.Status.CANCELLED
        transfer.decided_at = now
        transfer.save(update_fields=["status", "decided_at"])
    return transfer


def transfer_accept(
    *, transfer: TicketTransfer, user: User, now: datetime | None = None
) -> TicketTransfer:
    """The receiver takes the ticket: it becomes theirs, in their name and phone, with a new
    version (the sender's QR code is void from now on)."""
    now = now or timezone.now()
    if not user.phone or user.phone != transfer.phone or user.pk == transfer.sender_id:
        raise Forbidden("Only the person this ticket was offered to can accept it.")
    with transaction.atomic():
        ticket = _locked_ticket(transfer.ticket_id)
        transfer = TicketTransfer.objects.select_for_update().get(pk=transfer.pk)
        _check_pending(transfer, now)
        _check_transferable(ticket)
        if not tickets_of(transfer.sender_id).filter(pk=ticket.pk).exists():
            raise TicketNotTransferable("The sender no longer holds this ticket.")
        if ticket.event.allowlist_only:
            _use_invitation(ticket, user.phone, now)
        ticket.owner = user
        ticket.holder_name = transfer.name or user.name
        ticket.holder_phone = user.phone
        ticket.version += 1
        ticket.save(update_fields=["owner", "holder_name", "holder_phone", "version"])
        hooks.ticket_changed.send(ticket_ids=[ticket.pk])
        transfer.status = TicketTransfer.Status.ACCEPTED
        transfer.receiver = user
        transfer.decided_at = now
        transfer.save(update_fields=["status", "receiver", "decided_at"])
        _notice(transfer, "accepted")
    transfer.ticket = ticket
    return transfer
