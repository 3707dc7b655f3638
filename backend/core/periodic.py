"""Periodic jobs: the registry, celery beat's schedule and the in-process timer.

The project's job table (``backend/periodic.py``) registers each app's periodic tasks here;
celery beat runs them in the full stack (``beat_schedule``), and in the embedded mode the
serving process runs the same jobs on a timer (``EmbeddedScheduler``). A job holds the Celery
task object itself, so beat sends the name the task is registered under and the timer calls
the same function.
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

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task
    every: float  # seconds


_registered: dict[str, PeriodicJob] = {}


def register(*jobs: PeriodicJob) -> None:
    """Add jobs to the registry (the project's table does, once, at import)."""
    for job in jobs:
        if _registered.get(job.name, job) != job:
            raise ValueError(f"another periodic job is already named {job.name!r}")
        _registered[job.name] = job


def registered() -> tuple[PeriodicJob, ...]:
    return tuple(_registered.values())


def beat_schedule(jobs: Iterable[PeriodicJob] | None = None) -> dict[str, dict[str, Any]]:
    """Celery beat's schedule, by the tasks' registered names. A run that could not start
    within its period is dropped."""
    return {
        job.name: {
            "task": job.task.name,
            "schedule": job.every,
            "options": {"expires": job.every},
        }
        for job in (registered() if jobs is None else jobs)
    }


def _last_run_key(job: PeriodicJob) -> str:
    return f"periodic:last-run:{job.name}"


def record_run(task_name: str, at: float | None = None) -> None:
    """Remember when a job last ran (in the cache, so every process sees it)."""
    for job in registered():
        if job.task.name == task_name:
            cache.set(_last_run_key(job), time.time() if at is None else at, timeout=24 * 3600)


def seconds_since_last_runs(now: float | None = None) -> dict[str, float | None]:
    """How long ago each job last ran (None: not in the last day). Health shows this."""
    now = time.time() if now is None else now
    jobs = registered()
    runs = cache.get_many([_last_run_key(job) for job in jobs])
    return {
        job.name: (round(now - runs[_last_run_key(job)], 1) if _last_run_key(job) in runs else None)
        for job in jobs
    }


class EmbeddedScheduler:
    """Runs periodic jobs in a daemon thread of the serving process, one after another."""

    def __init__(self, jobs: Iterable[PeriodicJob] | None = None) -> None:
        self.jobs = registered() if jobs is None else tuple(jobs)
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
