"""The one registry of periodic jobs.

Celery beat runs them in the full stack (``beat_schedule``); in the embedded mode the serving
process runs the same jobs on a timer (``EmbeddedScheduler``, started by ``backend.serve``).
A job holds the Celery task object itself, so beat sends the name the task is registered
under (every task is named ``<app>.<action>``) and the timer calls the same function.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from celery import Task
from django.core.cache import cache
from django.db import close_old_connections

from backend.bookings.tasks import bookings_expire
from backend.checkin.tasks import dashboards
from backend.inventory.tasks import holds_sweep
from backend.payments.tasks import payment_actions
from backend.tickets.tasks import end_orphaned_amendments
from backend.webhooks.tasks import recover_stuck

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task
    every: float  # seconds


JOBS: tuple[PeriodicJob, ...] = (
    # Release expired holds (and warn those about to expire) every second.
    PeriodicJob("holds-sweep", holds_sweep, every=1.0),
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


def beat_schedule(jobs: Iterable[PeriodicJob] = JOBS) -> dict[str, dict[str, Any]]:
    """Celery beat's schedule, by the tasks' registered names. A run that could not start
    within its period is dropped."""
    return {
        job.name: {
            "task": job.task.name,
            "schedule": job.every,
            "options": {"expires": job.every},
        }
        for job in jobs
    }


def _last_run_key(job: PeriodicJob) -> str:
    return f"periodic:last-run:{job.name}"


def record_run(task_name: str, at: float | None = None) -> None:
    """Remember when a job last ran (in the cache, so every process sees it)."""
    for job in JOBS:
        if job.task.name == task_name:
            cache.set(_last_run_key(job), time.time() if at is None else at, timeout=24 * 3600)


def seconds_since_last_runs(now: float | None = None) -> dict[str, float | None]:
    """How long ago each job last ran (None: not in the last day). Health shows this."""
    now = time.time() if now is None else now
    runs = cache.get_many([_last_run_key(job) for job in JOBS])
    return {
        job.name: (round(now - runs[_last_run_key(job)], 1) if _last_run_key(job) in runs else None)
        for job in JOBS
    }


class EmbeddedScheduler:
    """Runs periodic jobs in a daemon thread of the serving process, one after another."""

    def __init__(self, jobs: Iterable[PeriodicJob] = JOBS) -> None:
        self.jobs = tuple(jobs)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs: dict[str, int] = {job.name: 0 for job in self.jobs}

    def start(self) -> None:
        if not self.jobs or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="periodic-jobs", daemon=True)
        self._thread.start()
        logger.info("Periodic jobs running in process: %s", ", ".join(j.name for j in self.jobs))

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        now = time.monotonic()
        queue = [(now + job.every, i) for i, job in enumerate(self.jobs)]
        heapq.heapify(queue)
        while not self._stop.is_set():
            due, index = queue[0]
            if self._stop.wait(max(0.0, due - time.monotonic())):
                return
            heapq.heapreplace(queue, (max(due + self.jobs[index].every, time.monotonic()), index))
            self.run(self.jobs[index])

    def run(self, job: PeriodicJob) -> None:
        close_old_connections()
        try:
            job.task()
            record_run(job.task.name)
        except Exception:
            logger.exception("Periodic job %s failed", job.name)
        finally:
            self.runs[job.name] += 1
            close_old_connections()
