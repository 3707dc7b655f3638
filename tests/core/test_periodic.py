"""One registry of periodic jobs: celery beat's schedule and the in-process timer."""

from __future__ import annotations

import time

from backend.celery import app
from backend.core.periodic import EmbeddedScheduler, PeriodicJob, beat_schedule
from backend.periodic import JOBS
from tests.support import tasks

JOB = PeriodicJob("record", tasks.record_run, every=0.05)


def test_beat_sends_the_jobs_by_their_registered_names() -> None:
    assert beat_schedule([JOB]) == {
        "record": {
            "task": "tests.record_run",
            "schedule": 0.05,
            "options": {"expires": 0.05},
        }
    }


def test_every_scheduled_task_is_registered_in_the_celery_app() -> None:
    """What beat sends must be a name a worker knows, or the job silently never runs (the
    review found payment actions scheduled under a name no task had)."""
    app.loader.import_default_modules()
    schedule = beat_schedule(JOBS)

    assert {entry["task"] for entry in schedule.values()} == {
        "inventory.holds_sweep",
        "bookings.expire",
        "payments.actions_due",
        "webhooks.recover_stuck",
        "checkin.dashboards",
        "tickets.end_orphaned_amendments",
        "inventory.waiting_room_admit",
    }
    for entry in schedule.values():
        assert entry["task"] in app.tasks


def test_every_task_is_named_after_its_app() -> None:
    """One naming rule: ``<app>.<action>``, the app being the package the task lives in."""
    app.loader.import_default_modules()
    ours = [t for t in app.tasks.values() if t.__module__.startswith("backend.")]

    assert len(ours) >= 10
    for task in ours:
        package = task.__module__.split(".")[1]
        assert task.name.startswith(f"{package}."), (task.__module__, task.name)


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
    broken = PeriodicJob("broken", tasks.fail, every=0.05)
    scheduler = EmbeddedScheduler([broken, JOB])
    scheduler.start()
    time.sleep(0.3)
    scheduler.stop()

    assert scheduler.runs["broken"] >= 3
    assert len(tasks.RUNS) >= 3
