"""Enqueue Celery tasks the Gatehouse way: after commit, with ids, never model instances."""

from __future__ import annotations

from typing import Any

from celery import Task
from django.db import transaction


def enqueue(task: Task, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` once the current transaction commits (at once outside one). A failure
    to send (a broker outage, or an eager task's error) is logged, never raised into the
    request that already committed."""

    def send() -> None:
        task.delay(*args, **kwargs)

    # Django names a failed robust callback by its __qualname__ in the log line.
    send.__qualname__ = f"enqueue({task.name})"
    transaction.on_commit(send, robust=True)
