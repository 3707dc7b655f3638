"""The project's periodic jobs: each app's periodic task and how often it runs.

Registered in ``backend.core.periodic``, which schedules them (celery beat in the full stack,
a timer in the embedded serving process) and reports when each last ran (``/api/health/``).
Imported by the processes that run or report them: the Celery app (worker and beat, on
``import_modules``), ``backend.serve`` and ``backend.urls``.
"""

from __future__ import annotations

from backend.bookings.tasks import bookings_expire
from backend.checkin.tasks import dashboards
from backend.core.periodic import PeriodicJob, register
from backend.inventory.tasks import holds_sweep, waiting_room_admit
from backend.payments.tasks import payment_actions
from backend.tickets.tasks import end_orphaned_amendments
from backend.webhooks.tasks import recover_stuck

JOBS: tuple[PeriodicJob, ...] = (
    # Release expired holds (and warn those about to expire) every second.
    PeriodicJob("holds-sweep", holds_sweep, every=1.0),
    # Waiting rooms: the opening's shuffle, admissions at each room's rate, positions.
    PeriodicJob("waiting-room", waiting_room_admit, every=1.0),
    # Unpaid bookings whose hold ended become expired (and give their invitation back).
    PeriodicJob("bookings-expire", bookings_expire, every=5.0),
    # Refunds and cancellations a provider could not take yet, with backoff.
    PeriodicJob("payment-actions", payment_actions, every=30.0),
    # Webhook deliveries whose task was lost (still pending two minutes after they arrived).
    PeriodicJob("webhooks-recover", recover_stuck, every=30.0),
    # Staff dashboards: one ``stats`` frame per changed event per second.
    PeriodicJob("dashboards", dashboards, every=1.0),
    # Upgrades of refunded or cancelled bookings that are still open (a lost task).
    PeriodicJob("amendments", end_orphaned_amendments, every=60.0),
)

register(*JOBS)
