"""The one write of the reports: an export of bookings is a staff action, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backend.accounts.models import Role
from backend.accounts.roles import require
from backend.core.audit import audit

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event


def bookings_export_record(*, actor: Principal, event: Event, filters: dict[str, Any]) -> None:
    """Who exported which event's bookings, with which filters (the audit row)."""
    require(actor, Role.STAFF, event)
    audit(
        actor=actor,
        action="bookings.export",
        obj=event,
        event=event,
        after={key: str(value) for key, value in filters.items() if value},
    )
