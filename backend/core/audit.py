"""Writing the audit log: every staff action records who, what, which object, before and
after, in the transaction that makes the change (a change that rolls back leaves no row)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from django.db import models

from backend.core.models import AuditEntry

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.accounts.models import User
    from backend.accounts.services.grants import EventKey
    from backend.inventory.models import Event


def actor_label(actor: Principal | None) -> str:
    """How the log names who acted: an account by its e-mail or phone and id, a station
    by its label, the system when nobody did."""
    if actor is None:
        return "system"
    device = getattr(actor, "device", None)
    if device is not None:  # a scanning station's principal
        return f"station {device.label} (#{device.pk})"
    who = getattr(actor, "email", None) or getattr(actor, "phone", None) or str(actor)
    return f"{who} (#{actor.pk})"


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of ``obj`` as they are now, for ``before`` or ``after``."""
    return {name: getattr(obj, name) for name in fields}


def audit(
    *,
    actor: Principal | None,
    action: str,
    obj: models.Model,
    event: Event | EventKey | int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record one staff action on ``obj`` (``event``: the Event it belongs to, its id, or
    its id and slug)."""
    # An account has a numeric id; nobody and a station have none.
    person = cast("User", actor) if isinstance(getattr(actor, "pk", None), int) else None
    event_id = event if isinstance(event, int) else getattr(event, "pk", None)
    return AuditEntry.objects.create(
        actor=person,
        actor_label=actor_label(actor)[:200],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200],
        event_id=event_id,
        event_slug=getattr(event, "slug", "") or "",
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )
