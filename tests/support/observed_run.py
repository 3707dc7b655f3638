"""The observability tests' real processes: a web server (``backend.serve``) and a Celery
worker, both on the test database with ``tests.support.observed_settings`` (its views and
tasks, and a queue of the test's own), started side by side and always stopped."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.live import ROOT, LiveServer, live_server


@dataclass
class Observed:
    server: LiveServer
    worker: subprocess.Popen[bytes]
    worker_log: Path
    queue: str


def observed_env(tmp: Path, **extra: str) -> dict[str, str]:
    from django.conf import settings

    from tests.conftest import database_url_of_tests

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.support.observed_settings",
        "DATABASE_URL": database_url_of_tests(),
        "GATEHOUSE_VAR_DIR": str(tmp),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "OBSERVED_QUEUE": f"observed-{uuid.uuid4().hex[:12]}",
        **extra,
    }


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A Celery worker (one process) on the env's queue, with the observed tasks."""
    command = [
        sys.executable, "-m", "celery", "-A", "backend", "worker", "--pool", "solo",
        "-Q", env["OBSERVED_QUEUE"], "-I", "tests.support.observed",
        "--without-heartbeat", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_ready(worker: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while "ready" not in log.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)


def stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(5)


@contextlib.contextmanager
def observed_processes(tmp: Path, **env_extra: str) -> Iterator[Observed]:
    """A web server and a worker on the test database, started side by side."""
    env = observed_env(tmp, **env_extra)
    worker_log = tmp / "worker.log"
    worker = start_worker(env, worker_log)
    try:
        with live_server(env, tmp) as server:
            wait_until_ready(worker, worker_log)
            yield Observed(server, worker, worker_log, env["OBSERVED_QUEUE"])
    finally:
        stop(worker)
