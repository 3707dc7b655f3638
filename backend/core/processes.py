"""How many web processes a deployment runs (``python -m backend.serve --processes``,
``WEB_PROCESSES``): shared by the server and the nginx config that balances over them."""

from __future__ import annotations

import contextlib
import os


def process_count(value: str, *, shared_layer: bool) -> int:
    """How many servers ``--processes``/``WEB_PROCESSES`` asks for: a number, or ``auto`` (one
    per core the process may run on). Without a shared channel layer (the embedded mode's
    in-process one) a second process would see no other's websockets: one, and an explicit
    number over one is refused."""
    if value == "auto":
        count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
        return max(1, count or os.cpu_count() or 1) if shared_layer else 1
    try:
        count = int(value)
    except ValueError:
        raise SystemExit(f"--processes/WEB_PROCESSES: {value!r} is not a number or auto") from None
    if count < 1:
        raise SystemExit("--processes/WEB_PROCESSES: at least 1")
    if count > 1 and not shared_layer:
        raise SystemExit(
            "--processes/WEB_PROCESSES over 1 needs REDIS_URL: the in-process channel layer "
            "and cache of the embedded mode are not shared between processes"
        )
    return count


# --- Prometheus's multiprocess mode (backend/core/metrics.py) ------------------------------


def metrics_dir() -> str | None:
    """PROMETHEUS_MULTIPROC_DIR, made if missing (prometheus_client writes its files there
    from the first metric a process creates), or None when it is not set."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if path:
        os.makedirs(path, exist_ok=True)
    return path or None


def forget_metrics_of(pid: int) -> None:
    """A process ended: its live gauges (open websockets...) stop counting, as the client
    documents (``multiprocess.mark_process_dead``); its counters stay in the sums."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)


def forget_metrics_of_dead_processes(*, counters_too: bool = False) -> None:
    """Live gauges left by processes that no longer run (a node killed outright, an earlier
    run in the same directory); ``counters_too``: all they left (a directory this node alone
    uses, at its start: its counters begin again, which Prometheus reads as a reset)."""
    path = metrics_dir()
    if not path:
        return
    for name in os.listdir(path):
        pid = name.rpartition("_")[2].removesuffix(".db")
        if not pid.isdigit() or _alive(int(pid)):
            continue
        if counters_too:
            with contextlib.suppress(FileNotFoundError):
                os.remove(os.path.join(path, name))
        elif name.startswith("gauge_live"):
            forget_metrics_of(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
