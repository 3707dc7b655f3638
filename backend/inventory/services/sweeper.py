"""The sweeper: the periodic job that warns holds about to expire and releases the expired
ones (every second, in beat or in the serving process; see ``backend/periodic.py``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from backend.inventory.models import Hold
from backend.inventory.services.holds import ACTIVE, SWEEP_BATCH, hold_publish, holds_expire
from backend.realtime.payloads import HOLD_EXPIRING_SECONDS


def holds_warn_expiring(*, now: datetime | None = None, batch: int = SWEEP_BATCH) -> int:
    """Send ``hold.expiring`` once per expiry, 60 s before it."""
    now = now or timezone.now()
    with transaction.atomic():
        soon = Hold.objects.filter(
            status=ACTIVE,
            warned_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + timedelta(seconds=HOLD_EXPIRING_SECONDS),
        )
        holds = list(soon.select_for_update(skip_locked=True)[:batch])
        if not holds:
            return 0
        Hold.objects.filter(pk__in=[h.pk for h in holds]).update(warned_at=now)
        for hold in holds:
            hold_publish(hold, "hold.expiring", now)
    return len(holds)


def holds_sweep() -> int:
    """The periodic job (every second): warnings first, then expiries."""
    now = timezone.now()
    holds_warn_expiring(now=now)
    released = 0
    while True:
        batch = holds_expire(now=now)
        released += batch
        if batch < SWEEP_BATCH:
            return released
