"""One registry of periodic jobs: celery beat's schedule and the in-process timer."""

from __future__ import annotations

import time

from backend.celery import app
from backend.periodic import JOBS, EmbeddedScheduler, PeriodicJob, beat_schedule
from tests.support import tasks

JOB = PeriodicJob("record", "tests.support.tasks.record_run", every=0.05)


def test_beat_runs_the_registered_jobs() -> None:
    assert app.conf.beat_schedule == beat_schedule(JOBS)
    assert beat_schedule([JOB]) == {
        "record": {
            "task": "tests.support.tasks.record_run",
            "schedule": 0.05,
            "options": {"expires": 0.05},
        }
    }
    assert JOB.task in app.tasks  # the name beat sends is the task's registered name


def test_the_embedded_scheduler_runs_the_same_jobs_on_a_timer() -> None:
    tasks.RUNS.clear()
    scheduler = EmbeddedScheduler([JOB])
    scheduler.start()
    time.sleep(0.5)
    scheduler.stop()

    assert 6 <= len(tasks.RUNS) <= 11
    gaps = [b - a for a, b in zip(tasks.RUNS, tasks.RUNS[1:], strict=False)]
    # A fixed cadence: a late run is followed by an early one, never by a burst.
    assert min(gaps) >= 0.02
    assert 0.04 <= sum(gaps) / len(gaps) <= 0.07
    assert scheduler.runs == {"record": len(tasks.RUNS)}


def test_a_failing_job_does_not_stop_the_others() -> None:
    tasks.RUNS.clear()
    broken = PeriodicJob("broken", "tests.support.tasks.no_such_task", every=0.05)
    scheduler = EmbeddedScheduler([broken, JOB])
    scheduler.start()
    time.sleep(0.3)
    scheduler.stop()

    assert scheduler.runs["broken"] >= 3
    assert len(tasks.RUNS) >= 3
