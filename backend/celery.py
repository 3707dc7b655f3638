"""The Celery app. Configured from the CELERY_* settings; beat runs backend.periodic's jobs.

In the embedded mode (no broker) tasks run in process and the same periodic jobs run on a
timer inside the serving process instead of in beat.
"""

import os

from celery import Celery
from celery.signals import (
    import_modules,
    setup_logging,
    task_postrun,
    worker_process_shutdown,
    worker_shutdown,
)

from backend.core.processes import forget_metrics_of, metrics_dir
from backend.core.request_id import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
metrics_dir()  # Prometheus's multiprocess mode, when PROMETHEUS_MULTIPROC_DIR is set

app = Celery("gatehouse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# A task carries the id of the request that enqueued it; the worker's lines show it.
connect_celery_signals()


@setup_logging.connect
def _keep_django_logging(**kwargs: object) -> None:
    """Workers and beat log as settings.LOGGING says (LOG_FORMAT, LOG_LEVEL; Django applies
    it on setup): with a receiver here Celery leaves logging alone instead of putting its
    own format on the root logger."""


@import_modules.connect(sender=app)
def _schedule_periodic_jobs(sender: Celery, **kwargs: object) -> None:
    """Beat's schedule, made from the task objects once Django is set up (the Django fixup
    sets it up on this same signal, first) and before beat reads it."""
    import backend.periodic  # noqa: F401  (registers the jobs)
    from backend.core.periodic import beat_schedule

    sender.conf.beat_schedule = beat_schedule()


@task_postrun.connect
def _record_periodic_run(sender: object = None, **kwargs: object) -> None:
    """Worker runs of periodic jobs are recorded too, for /api/health/."""
    from backend.core.periodic import record_run

    name = getattr(sender, "name", None)
    if name and kwargs.get("state") == "SUCCESS":
        record_run(name)


@worker_process_shutdown.connect
@worker_shutdown.connect
def _forget_metrics(**kwargs: object) -> None:
    """A worker process ends: its live gauges go with it (backend/core/metrics.py)."""
    forget_metrics_of(os.getpid())
