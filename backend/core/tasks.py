"""Enqueue Celery tasks the Gatehouse way: after commit, with ids, never model instances."""

from __future__ import annotations

from functools import partial
from typing import Any

from celery import Task
from django.db import transaction


def enqueue(task: Task, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(task.delay, *args, **kwargs), robust=True)
