"""Which gates a scanning station serves: staff bind stations to their event's gates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from backend.accounts.models import Role, ScannerDevice
from backend.accounts.roles import require, where_may
from backend.checkin.models import Gate
from backend.core.audit import audit
from backend.core.errors import ValidationError
from backend.realtime import identity_changed

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


def device_bind_gates(
    *, device: ScannerDevice, gate_ids: list[int], actor: Principal | None
) -> list[Gate]:
    """Make these the station's gates (an empty list unbinds it from every gate), by staff
    of the station's event (of every event for a station that serves every event); audited.

    A station of one event may only serve that event's gates; a station for every event may
    serve any gate of the events ``actor`` staffs. The whole list is checked before
    anything changes.
    """
    require(actor, Role.STAFF, device.event)
    wanted = sorted(set(gate_ids))
    gates = Gate.objects.filter(where_may(actor, Role.STAFF), pk__in=wanted)
    if device.event_id is not None:
        gates = gates.filter(event_id=device.event_id)
    found = list(gates.order_by("name"))
    missing = sorted(set(wanted) - {gate.pk for gate in found})
    if missing:
        raise ValidationError(
            fields={
                "gates": [f"Not a gate of this station's event: {', '.join(map(str, missing))}."]
            }
        )
    if device.revoked_at is not None:
        raise ValidationError(fields={"gates": ["This station is revoked."]})
    with transaction.atomic():
        before = sorted(device.gates.values_list("pk", flat=True))
        device.gates.set(found)
        audit(actor=actor, action="device.gates", obj=device, event=device.event,
              before={"gates": before}, after={"gates": [gate.pk for gate in found]})  # fmt: skip
        identity_changed("device", device.pk)  # its open sockets drop gates it left
    return found
