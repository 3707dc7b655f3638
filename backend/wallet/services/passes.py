"""A ticket's wallet pass for its holder: made once, on first request, and kept (its serial
never changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from backend.tickets.models import Ticket
from backend.tickets.selectors import holder_of
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


def pass_is_live(wallet_pass: WalletPass) -> bool:
    """The pass admits: its ticket is valid and still held by the pass's holder."""
    ticket = wallet_pass.ticket
    return ticket.status == Ticket.Status.VALID and holder_of(ticket).pk == wallet_pass.holder_id
