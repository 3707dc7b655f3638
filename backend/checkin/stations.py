"""Which gates a scanning station serves: staff bind stations to their event's gates."""

from __future__ import annotations

from django.db import transaction

from backend.accounts.models import ScannerDevice
from backend.checkin.models import Gate
from backend.core.errors import ValidationError


def device_bind_gates(*, device: ScannerDevice, gate_ids: list[int]) -> list[Gate]:
    """Make these the station's gates (an empty list unbinds it from every gate).

    A station of one event may only serve that event's gates; a station for every event may
    serve any. The whole list is checked before anything changes.
    """
    wanted = sorted(set(gate_ids))
    gates = Gate.objects.filter(pk__in=wanted)
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
        device.gates.set(found)
    return found
