"""When a ticket changes (transferred, upgraded, voided), its pass changes: the pass is
marked updated in that transaction, and after commit the phones registered for it are
pushed (Apple) and its Google Wallet object is patched (tasks, by name)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from backend.core.tasks import enqueue
from backend.wallet.models import WalletPass
from backend.wallet.services.apple import apple_configured
from backend.wallet.services.google import google_configured
from backend.wallet.services.passes import still_held


def passes_changed(*, ticket_ids: Sequence[int]) -> None:
    """The ``ticket_changed`` hook's subscriber. A pass whose holder still holds the ticket
    takes its new code; the others keep theirs (void now) and show the pass voided."""
    passes = list(
        WalletPass.objects.filter(ticket_id__in=ticket_ids).select_related("ticket__booking")
    )
    if not passes:
        return  # nobody asked for a pass of these tickets: nothing to tell
    now = timezone.now()
    for wallet_pass in passes:
        if still_held(wallet_pass):
            wallet_pass.version = wallet_pass.ticket.version
        wallet_pass.updated_at = now
    WalletPass.objects.bulk_update(passes, ["version", "updated_at"])
    pass_ids = [wallet_pass.pk for wallet_pass in passes]
    for pass_id in pass_ids:
        if apple_configured():
            enqueue("wallet.apple_push", pass_id)
        if google_configured():
            enqueue("wallet.google_update", pass_id)
