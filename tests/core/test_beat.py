"""Celery beat and a worker, as the full stack runs them: every periodic job reaches the
worker under a name it knows and runs (the review found one scheduled under a name no task
had, so refunds owed to providers were never retried)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from backend.core.periodic import seconds_since_last_runs
from backend.periodic import JOBS
from tests.conftest import database_url_of_tests
from tests.support.live import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def test_beat_sends_every_job_and_a_worker_runs_it(tmp_path: Path, settings: Any) -> None:
    broker = redis.Redis.from_url(settings.REDIS_URL).connection_pool.connection_kwargs
    broker_url = f"redis://{broker['host']}:{broker['port']}/15"
    redis.Redis.from_url(broker_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_tests(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": broker_url,
        "GATEHOUSE_VAR_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
    }
    celery = [sys.executable, "-m", "celery", "-A", "backend"]
    logs = {name: (tmp_path / f"{name}.log").open("wb") for name in ("beat", "worker")}
    processes = [
        subprocess.Popen(
            [*celery, "beat", "-l", "INFO", "--schedule", str(tmp_path / "beat-schedule")],
            cwd=ROOT, env=env, stdout=logs["beat"], stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [*celery, "worker", "-l", "INFO", "-Q", "celery", "--pool", "solo"],
            cwd=ROOT, env=env, stdout=logs["worker"], stderr=subprocess.STDOUT,
        ),
    ]  # fmt: skip
    try:
        quick = [job.name for job in JOBS if job.every <= 5]
        deadline = time.monotonic() + 40
        ran: dict[str, float | None] = {}
        while time.monotonic() < deadline:
            ran = seconds_since_last_runs()
            if all(ran[name] is not None and ran[name] < 10 for name in quick):
                break
            time.sleep(0.5)
        beat_log = (tmp_path / "beat.log").read_text(errors="replace")
        worker_log = (tmp_path / "worker.log").read_text(errors="replace")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(15)
        redis.Redis.from_url(broker_url).flushdb()

    for name in quick:
        assert ran[name] is not None, (name, beat_log[-2000:], worker_log[-2000:])
    for job in JOBS:
        assert f"({job.task.name})" in beat_log or job.every > 5  # sent under its name
    assert "unregistered task" not in worker_log.lower()
    assert "KeyError" not in worker_log
