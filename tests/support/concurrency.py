"""Running jobs at the same instant in threads with their own database connections."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from django.db import connections


def run_together(jobs: list[Callable[[], str]]) -> Counter[str]:
    """Start every job at the same instant, each in its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(job: Callable[[], str]) -> None:
        try:
            barrier.wait()
            outcome = job()
        except Exception as error:  # anything unexpected is reported, not hidden
            outcome = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return Counter(outcomes)
