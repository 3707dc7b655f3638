"""Demo data: each business's booking policy (what guests may change from My bookings)."""

from __future__ import annotations

from typing import Any

from backend.bookings.models import BookingPolicy
from backend.inventory.models import Event

K = Event.Kind

# Per business: the VIP evening is free and may be given up freely (the invitation comes
# back), never moved; a stay is refunded in full until 48 hours before check-in, half after;
# a meeting room in full until 2 hours before, nothing after; festival tickets are not
# refunded (they are transferred); a repair appointment (paid at the shop) is cancelled or
# moved until an hour before.
POLICIES: dict[str, dict[str, Any]] = {
    K.VIP: {"cancellable": True, "free_cancellation_hours": 0, "reschedulable": False},
    K.STAYS: {
        "cancellable": True, "free_cancellation_hours": 48, "late_refund_percent": 50,
        "reschedulable": True, "reschedule_hours": 48,
    },
    K.ROOMS: {
        "cancellable": True, "free_cancellation_hours": 2, "late_refund_percent": 0,
        "reschedulable": True, "reschedule_hours": 2,
    },
    K.FESTIVAL: {"cancellable": False, "reschedulable": False},
    K.SERVICE: {
        "cancellable": True, "free_cancellation_hours": 1, "reschedulable": True,
        "reschedule_hours": 1,
    },
}  # fmt: skip


def load_booking_policies() -> str:
    """Each demo event gets its business's policy once (an admin's change is kept)."""
    made = 0
    for event in Event.objects.all():
        _, created = BookingPolicy.objects.get_or_create(
            event=event, defaults=POLICIES.get(event.kind, {})
        )
        made += created
    return f"Booking policies: {BookingPolicy.objects.count()} events ({made} new)"


LOADERS = [load_booking_policies]
