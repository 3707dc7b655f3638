"""The webhooks app's tasks: registered under its own names, its periodic job in the
project's table."""

from __future__ import annotations

from backend.celery import app
from backend.periodic import JOBS
from backend.webhooks.tasks import recover_stuck


def test_the_tasks_are_registered_under_the_apps_names() -> None:
    app.loader.import_default_modules()

    assert {"webhooks.process", "webhooks.recover_stuck"} <= set(app.tasks)
    assert "payments.process_webhook" not in app.tasks


def test_stuck_delivery_recovery_is_its_own_periodic_job() -> None:
    jobs = {job.name: job for job in JOBS}

    assert jobs["webhooks-recover"].task is recover_stuck
    assert jobs["webhooks-recover"].every == 30.0
    assert jobs["payment-actions"].task.name == "payments.actions_due"
