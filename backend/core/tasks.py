"""Enqueue Celery tasks the Gatehouse way: by their registered name (``<app>.<action>``), after
commit, with ids, never model instances. Services never import tasks: a task module imports
its services, and a service names the task it wants run."""

from __future__ import annotations

from typing import Any

from celery import Task, current_app
from django.db import transaction


def task_named(name: str) -> Task:
    """The task registered under ``name``; the apps' task modules are imported on first use
    (``KeyError`` for a name no task has: a programming error, which a test looks for)."""
    tasks = current_app.tasks
    if name not in tasks:
        current_app.loader.import_default_modules()
    return tasks[name]


def enqueue(name: str, *args: Any, **kwargs: Any) -> None:
    """Send the task registered as ``name`` once the current transaction commits (at once
    outside one). A failure to send (a broker outage, or an eager task's error) is logged,
    never raised into the request that already committed."""
    task = task_named(name)

    def send() -> None:
        task.delay(*args, **kwargs)

    # Django names a failed robust callback by its __qualname__ in the log line.
    send.__qualname__ = f"enqueue({name})"
    transaction.on_commit(send, robust=True)
