"""A private Redis and a private PostgreSQL for tests that stop, restart or kill them.

The machine's own PostgreSQL (5432) and Redis (6379) serve CI and everybody else: a test that
takes a service down starts its OWN on a free port, in its own temporary directory, and the
context manager always stops it and removes the directory, whatever the test did.

    with private_redis() as redis:
        env["REDIS_URL"] = redis.url(4)
        redis.restart()        # same port, empty (no RDB, no AOF)
        redis.kill()           # SIGKILL; start() brings it back

    with private_postgres() as pg:
        url = pg.create_database("gatehouse")
        pg.restart()           # fast shutdown (sessions ended), then start on the same port
        pg.kill()              # SIGKILL of the postmaster and its backends; start() recovers

Every wait is bounded; a server that does not come up raises with the tail of its log.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.live import free_port

START_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0


def _wait_port(port: int, up: bool, timeout: float) -> bool:
    """Until 127.0.0.1:port accepts connections (``up``) or refuses them (not ``up``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                listening = True
        except OSError:
            listening = False
        if listening == up:
            return True
        time.sleep(0.05)
    return False


def _tail(path: Path, size: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-size:]
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        # A zombie is dead for our purposes.
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False


# --- Redis ---------------------------------------------------------------------------------


class PrivateRedis:
    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.log_path = directory / "redis.log"
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        command = [
            shutil.which("redis-server") or "redis-server",
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.directory),
            "--logfile", str(self.log_path),
            "--daemonize", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if not _wait_port(self.port, up=True, timeout=START_TIMEOUT):
            self.kill()
            raise RuntimeError(f"private redis did not start:\n{_tail(self.log_path)}")

    def stop(self) -> None:
        """SIGTERM (nothing is saved: no RDB, no AOF), bounded; SIGKILL if it hangs."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
        _wait_port(self.port, up=False, timeout=5)

    def kill(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        process.wait(STOP_TIMEOUT)
        _wait_port(self.port, up=False, timeout=5)

    def restart(self) -> None:
        """Down and up again on the same port: every key is gone, as after a real restart."""
        self.stop()
        self.start()


@contextlib.contextmanager
def private_redis(port: int | None = None) -> Iterator[PrivateRedis]:
    directory = Path(tempfile.mkdtemp(prefix="gatehouse-redis-"))
    server = PrivateRedis(directory, port)
    try:
        server.start()
        yield server
    finally:
        try:
            server.kill()
        finally:
            shutil.rmtree(directory, ignore_errors=True)


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]  # the newest installed major version
    which = shutil.which(name)
    if which is None:
        raise RuntimeError(f"{name} not found (install PostgreSQL's server binaries)")
    return which


def _as_owner(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.port = port or free_port()
        self.log_path = directory / "postgres.log"
        self.user = "postgres"
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{database}"

    def _run(self, command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _as_owner(command),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.directory,
            check=False,
        )

    def init(self) -> None:
        result = self._run(
            [
                _pg_bin("initdb"),
                "-D",
                str(self.data),
                "-U",
                self.user,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        """The postmaster as this process's child (so it is reaped when it dies), bounded."""
        if self.running():
            return
        command = [
            _pg_bin("postgres"),
            "-D", str(self.data),
            "-p", str(self.port),
            "-c", "listen_addresses=127.0.0.1",
            "-c", f"unix_socket_directories={self.directory}",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=100",
            "-c", "shared_buffers=32MB",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                _as_owner(command),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            ready = self._run(
                [_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-t", "1"],
                timeout=10,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"private postgres did not start:\n{_tail(self.log_path)}")

    def postmaster_pid(self) -> int | None:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if _alive(pid) else None

    def running(self) -> bool:
        return self.postmaster_pid() is not None

    def stop(self, mode: str = "fast") -> None:
        """``fast`` ends every session (clients see their connection closed); bounded."""
        if not self.running():
            return
        result = self._run(
            [_pg_bin("pg_ctl"), "stop", "-D", str(self.data), "-m", mode, "-w",
             "-t", str(int(STOP_TIMEOUT))],
            timeout=STOP_TIMEOUT + 10,
        )  # fmt: skip
        if result.returncode != 0 and self.running():
            self.kill()
        self._reap()
        _wait_port(self.port, up=False, timeout=5)

    def kill(self) -> None:
        """A crash: ``immediate`` shutdown (every process quits at once, no checkpoint, so
        start() runs crash recovery); SIGKILL of the postmaster and its backends if that hangs.

        (Not a plain SIGKILL of the postmaster: its orphaned backends would outlive it and
        hold the shared memory, and nothing on a container's PID 1 reaps them.)"""
        if not self.running():
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._run(
                [_pg_bin("pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", "-w",
                 "-t", "10"],
                timeout=15,
            )  # fmt: skip
        pid = self.postmaster_pid()
        if pid is not None:
            victims = [pid, *_children(pid)]
            for victim in victims:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(victim, signal.SIGKILL)
            deadline = time.monotonic() + STOP_TIMEOUT
            while any(_alive(v) for v in victims) and time.monotonic() < deadline:
                time.sleep(0.05)
        self._reap()
        _wait_port(self.port, up=False, timeout=5)

    def _reap(self) -> None:
        if self.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(STOP_TIMEOUT)

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def create_database(self, name: str, template: str = "template1") -> str:
        """Create database ``name`` (owner: the superuser) and return its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)


@contextlib.contextmanager
def private_postgres(port: int | None = None) -> Iterator[PrivatePostgres]:
    directory = Path(tempfile.mkdtemp(prefix="gatehouse-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(directory, owner.pw_uid, owner.pw_gid)
    server = PrivatePostgres(directory, port)
    try:
        server.init()
        server.start()
        yield server
    finally:
        try:
            server.stop("immediate")
        finally:
            with contextlib.suppress(Exception):
                server.kill()
            shutil.rmtree(directory, ignore_errors=True)
