"""Start the real server (``python -m backend.serve``, daphne) as a subprocess for a test."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port() -> int:
    """A port nothing listens on (bound and released; nobody else asks for it this fast)."""
    return free_port()


@dataclass
class LiveServer:
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/"

    @property
    def origin(self) -> str:
        return self.url

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)


def embedded_env(var_dir: Path) -> dict[str, str]:
    """The environment of the embedded default: no service variables at all."""
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env["GATEHOUSE_VAR_DIR"] = str(var_dir)
    env["DJANGO_SETTINGS_MODULE"] = "backend.settings"
    return env


def wait_for_http(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before serving")
        try:
            httpx.get(url, timeout=10)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def live_server(
    env: Mapping[str, str],
    log_dir: Path,
    *,
    app: str = "backend.asgi:application",
    argv: tuple[str, ...] = (),
    command: list[str] | None = None,
    port: int | None = None,
    timeout: float = 30,
) -> Iterator[LiveServer]:
    """Run a server until the block ends; its output goes to ``log_dir/server.log``."""
    port = port or free_port()
    log_path = log_dir / f"server-{port}.log"
    if command is None:
        command = [
            sys.executable, "-m", "backend.serve", "-b", "127.0.0.1", "-p", str(port),
            *argv, app,
        ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(port, process, log_path)
    try:
        wait_for_http(f"{server.url}/api/health/", process, timeout)
        yield server
    except BaseException:
        sys.stderr.write(f"--- server log ---\n{server.log()[-4000:]}\n")
        raise
    finally:
        server.stop()
