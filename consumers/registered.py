"""The topics the gateway serves, registered in one place.

Each topic: its pattern, who may subscribe (``consumers.permissions``) and how its snapshot
is built (``backend.realtime.snapshots``). See :mod:`consumers.topics`.
"""

from __future__ import annotations

from backend.realtime.snapshots import (
    dashboard_snapshot,
    event_availability_snapshot,
    gate_snapshot,
    hold_snapshot,
)
from consumers.permissions import anyone, owns_hold, staffs_event, watches_gate
from consumers.topics import TopicSpec, registry

registry.register(TopicSpec("event:{slug}:availability", anyone, event_availability_snapshot))
registry.register(TopicSpec("hold:{hold_id}", owns_hold, hold_snapshot))
registry.register(TopicSpec("gate:{gate_id}", watches_gate, gate_snapshot))
registry.register(TopicSpec("event:{slug}:dashboard", staffs_event, dashboard_snapshot))
