"""Reading wallet passes for the PassKit web service. An update tag is the pass's
``updated_at`` in microseconds since the epoch (opaque to devices)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Max, QuerySet

from backend.wallet.models import WalletPass

if TYPE_CHECKING:
    from backend.accounts.models import User

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def tag_of(moment: datetime) -> str:
    return str((moment - EPOCH) // timedelta(microseconds=1))


def moment_of(tag: str) -> datetime | None:
    """The time a tag stands for; None for text that is not one of our tags."""
    if not tag.isdigit() or len(tag) > 20:
        return None
    return EPOCH + timedelta(microseconds=int(tag))


def pass_by_serial(serial_number: str) -> WalletPass | None:
    return (
        WalletPass.objects.select_related(
            "ticket__event__venue", "ticket__slot__resource", "ticket__booking", "ticket__owner"
        )
        .filter(serial_number=serial_number)
        .first()
    )


def serials_updated_since(
    *, device_library_id: str, since: datetime | None
) -> tuple[list[str], str | None]:
    """The serial numbers of the passes a device registered for that changed after
    ``since`` (all of them without it), and the tag of the latest change among them."""
    passes = WalletPass.objects.filter(registrations__device__library_id=device_library_id)
    if since is not None:
        passes = passes.filter(updated_at__gt=since)
    serials = sorted(passes.values_list("serial_number", flat=True))
    latest = passes.aggregate(latest=Max("updated_at"))["latest"]
    return serials, (tag_of(latest) if latest is not None else None)


def passes_of(holder: User) -> QuerySet[WalletPass]:
    """The wallet passes made for a person's tickets, oldest first."""
    return WalletPass.objects.filter(holder=holder).order_by("id")
