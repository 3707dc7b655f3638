"""`make stack`'s topology for a benchmark: nginx in front of WEB_PROCESSES web servers.

    with running_stack(processes=2, server="daphne") as stack:
        before = stack.cpu()
        ...  # load through stack.port (nginx)
        used = stack.cpu() - before  # CPU seconds per role: web, nginx, worker
        print(f"{used.web / requests * 1000:.2f} ms of web CPU per request")

Everything is started as `make stack` starts it: the web servers by the Procfile's command
(``python -m backend.serve --processes N --server S``, which supervises them), nginx with the
config written by the project's own generator (backend/core/nginx.py, one upstream per
process), and optionally a Celery worker, all on the bench database and Redis
(``DATABASE_URL``, ``REDIS_URL``), production-shaped (DEBUG off). The servers' CPU time is
read from /proc (utime + stime of every process of the role), so a bench can print CPU per
request beside a floor. Use after ``common.setup_django()`` (the bench database migrated).

Running this file prints nothing: it is a helper (make bench skips nothing for it).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
DEFAULT_SERVER = "uvicorn"  # as make stack and the Procfile
# What make stack sets for a production-shaped run on plain HTTP on this machine.
STACK_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_HSTS_SECONDS": "0",
    "TRUSTED_PROXIES": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
    "ACCESS_LOG": "0",
}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports (the web servers' -p, -p + 1, …)."""
    import socket

    for _ in range(200):
        first = free_port()
        socks = []
        try:
            for n in range(count):
                sock = socket.socket()
                socks.append(sock)
                sock.bind(("127.0.0.1", first + n))
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
        return first
    raise RuntimeError(f"no {count} consecutive free ports")


def children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (from /proc)."""
    table: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                table[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in table.items():
            if its_parent == parent:
                found.append(child)
                frontier.append(child)
    return found


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes (a process gone counts 0)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def own_cpu_seconds() -> float:
    """This process's CPU (a Python load generator's own share)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Cpu:
    web: float = 0.0
    nginx: float = 0.0
    worker: float = 0.0
    at: float = field(default_factory=time.perf_counter)

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(
            self.web - other.web,
            self.nginx - other.nginx,
            self.worker - other.worker,
            self.at - other.at,
        )

    @property
    def wall(self) -> float:
        return self.at

    def describe(self, requests: int) -> str:
        """CPU per request and the cores each role kept busy over the interval."""
        per = max(requests, 1)
        wall = max(self.at, 1e-9)
        return (
            f"web {self.web / per * 1000:.2f} ms/request ({self.web / wall:.2f} cores), "
            f"nginx {self.nginx / per * 1000:.2f} ms/request ({self.nginx / wall:.2f} cores)"
            + (f", worker {self.worker / wall:.2f} cores" if self.worker else "")
        )


@dataclass
class Stack:
    port: int
    web_port: int
    processes: int
    server: str
    supervisor: subprocess.Popen[bytes]
    nginx: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes] | None
    log_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/"

    @property
    def origin(self) -> str:
        return self.url

    def web_pids(self) -> list[int]:
        """The web servers (the supervisor's children; the supervisor itself when it serves
        alone) — the supervisor only sleeps, its CPU is left out when it has children."""
        return children(self.supervisor.pid) or [self.supervisor.pid]

    def cpu(self) -> Cpu:
        worker = 0.0
        if self.worker is not None:
            worker = cpu_seconds([self.worker.pid, *children(self.worker.pid)])
        return Cpu(
            web=cpu_seconds(self.web_pids()),
            nginx=cpu_seconds([self.nginx.pid, *children(self.nginx.pid)]),
            worker=worker,
        )


def _wait_for(url: str, process: subprocess.Popen[bytes], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def stack_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    from django.conf import settings

    return {
        **os.environ,
        **STACK_ENV,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        **(extra or {}),
    }


@contextlib.contextmanager
def running_stack(
    *,
    processes: int | None = None,
    server: str | None = None,
    worker: bool = False,
    app: str = "backend.asgi:application",
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Iterator[Stack]:
    """nginx + ``processes`` web servers (default WEB_PROCESSES, else one per core) of
    ``server`` (default WEB_SERVER, else uvicorn, as make stack) + optionally a Celery
    worker; yields the Stack (nginx's port is ``stack.port``)."""
    from django.conf import settings

    from backend.core import nginx as nginx_conf

    processes = processes or int(os.environ.get("WEB_PROCESSES") or os.cpu_count() or 1)
    server = server or os.environ.get("WEB_SERVER") or DEFAULT_SERVER
    run_dir = Path(tempfile.mkdtemp(prefix="gatehouse-bench-stack-"))
    run_dir.chmod(0o755)
    var_dir = run_dir / "var"
    var_dir.mkdir()
    environment = stack_env({"GATEHOUSE_VAR_DIR": str(var_dir), **(env or {})})
    web_port, port = free_ports(processes), free_port()
    web_root = settings.FRONTEND_DIST if Path(settings.FRONTEND_DIST).is_dir() else run_dir
    conf = nginx_conf.write(
        run_dir / "nginx",
        listen=f"127.0.0.1:{port}",
        upstream=nginx_conf.web_servers("127.0.0.1", web_port, processes),
        web_root=Path(web_root),
        static_root=Path(settings.STATIC_ROOT),
    )
    web_log, nginx_log, worker_log = (run_dir / n for n in ("web.log", "nginx.log", "worker.log"))
    python = sys.executable
    started: list[subprocess.Popen[bytes]] = []

    def start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(process)
        return process

    try:
        supervisor = start(
            [
                python, "-m", "backend.serve", "-b", "127.0.0.1", "-p", str(web_port),
                "--processes", str(processes), "--server", server, app,
            ],
            web_log,
        )  # fmt: skip
        nginx_binary = next(
            (p for p in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(p).exists()), "nginx"
        )
        proxy = start(
            [nginx_binary, "-e", "stderr", "-p", str(conf.parent), "-c", str(conf),
             "-g", "daemon off;"],
            nginx_log,
        )  # fmt: skip
        celery = None
        if worker:
            celery = start(
                [python, "-m", "celery", "-A", "backend", "worker", "-Q", "celery,email",
                 "--loglevel", "WARNING",
                 "--concurrency", environment.get("CELERY_CONCURRENCY", "2")],
                worker_log,
            )  # fmt: skip
        for n in range(processes):
            _wait_for(f"http://127.0.0.1:{web_port + n}/api/health/", supervisor, timeout, web_log)
        _wait_for(f"http://127.0.0.1:{port}/nginx-health", proxy, 10, nginx_log)
        yield Stack(
            port=port,
            web_port=web_port,
            processes=processes,
            server=server,
            supervisor=supervisor,
            nginx=proxy,
            worker=celery,
            log_dir=run_dir,
        )
    finally:
        for process in reversed(started):
            _stop(process)
        import shutil

        shutil.rmtree(run_dir, ignore_errors=True)
