"""A ticket's wallet pass for its holder: made once, on first request, and kept (its serial
never changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from backend.tickets.models import Ticket
from backend.wallet.models import WalletPass

if TYPE_CHECKING:
    from backend.accounts.models import User


def wallet_pass_for(*, ticket: Ticket, holder: User) -> WalletPass:
    """``holder``'s pass of ``ticket`` (they hold it: the caller checked), made now if they
    have none (two first requests at once make one)."""
    found = WalletPass.objects.filter(ticket=ticket, holder=holder).first()
    if found is None:
        try:
            with transaction.atomic():
                found = WalletPass.objects.create(
                    ticket=ticket, holder=holder, version=ticket.version
                )
        except IntegrityError:
            found = WalletPass.objects.get(ticket=ticket, holder=holder)
    found.ticket = ticket
    return found


def holder_id_of(ticket: Ticket) -> int:
    """The id of whoever holds the ticket (``tickets.selectors.holder_of``, without loading
    the user)."""
    if ticket.owner_id is not None:
        return int(ticket.owner_id)
    return int(ticket.booking.user_id)


def still_held(wallet_pass: WalletPass) -> bool:
    """The pass's holder still holds its ticket."""
    return holder_id_of(wallet_pass.ticket) == wallet_pass.holder_id


def pass_is_live(wallet_pass: WalletPass) -> bool:
    """The pass admits: its ticket is valid and still held by the pass's holder."""
    return wallet_pass.ticket.status == Ticket.Status.VALID and still_held(wallet_pass)


def pass_language(ticket: Ticket) -> str:
    """The language of a ticket's passes: the one its booking was made in."""
    language = ticket.booking.language
    return language if language in ("ar", "en") else "en"
