"""A Celery task for the periodic-jobs tests: it records when it ran."""

import time

from celery import shared_task

RUNS: list[float] = []


@shared_task(name="tests.record_run")
def record_run() -> None:
    RUNS.append(time.monotonic())


@shared_task(name="tests.fail")
def fail() -> None:
    raise RuntimeError("this job always fails")
