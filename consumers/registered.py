"""The topics the gateway serves, wired in one place: each topic declared in
``backend.realtime.topics`` gets the check of its ``Access`` (``consumers.permissions``) and
the snapshot builder of the app that owns its data (that app's selectors).
"""

from __future__ import annotations

from backend.bookings.selectors import bookings_topic_snapshot, waitlist_topic_snapshot
from backend.checkin.selectors import dashboard_topic_snapshot, gate_topic_snapshot
from backend.content.selectors import schedule_topic_snapshot
from backend.inventory.selectors.holds import hold_topic_snapshot
from backend.inventory.selectors.slots import availability_topic_snapshot
from backend.inventory.selectors.waiting_room import queue_topic_snapshot
from backend.realtime.topics import (
    AVAILABILITY,
    BOOKINGS,
    DASHBOARD,
    GATE,
    HOLD,
    QUEUE,
    SCHEDULE,
    TOPICS,
    WAITLIST,
    Access,
)
from consumers.permissions import (
    anyone,
    owns_hold,
    owns_queue_token,
    owns_waitlist_entry,
    staffs_event,
    watches_gate,
)
from consumers.topics import Permission, Snapshot, TopicSpec, registry

CHECKS: dict[Access, Permission] = {
    Access.ANYONE: anyone,
    Access.HOLD_OWNER: owns_hold,
    Access.GATE_STATION: watches_gate,
    Access.EVENT_STAFF: staffs_event,
    Access.QUEUE_OWNER: owns_queue_token,
    Access.WAITLIST_OWNER: owns_waitlist_entry,
}
SNAPSHOTS: dict[str, Snapshot] = {
    AVAILABILITY.key: availability_topic_snapshot,
    HOLD.key: hold_topic_snapshot,
    GATE.key: gate_topic_snapshot,
    DASHBOARD.key: dashboard_topic_snapshot,
    BOOKINGS.key: bookings_topic_snapshot,
    SCHEDULE.key: schedule_topic_snapshot,
    QUEUE.key: queue_topic_snapshot,
    WAITLIST.key: waitlist_topic_snapshot,
}

for declared in TOPICS:
    registry.register(TopicSpec(declared, CHECKS[declared.access], SNAPSHOTS[declared.key]))
