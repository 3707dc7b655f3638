"""`make stack` from a fresh clone, with GATEHOUSE_VAR_DIR elsewhere: nginx on HOST:PORT in
front of daphne, the Celery worker and beat, all alive, and nothing written outside the var
folder.

The clone is `git clone` of this repository plus the working tree's uncommitted changes (in
CI, from a clean clone, there are none: it is exactly what a user clones). It has no .venv
and no frontend/dist: it uses this checkout's virtualenv (``VENV=``, with ``-o`` so make
never reinstalls into it) and built app (``FRONTEND_DIST=``), and changes neither.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.conftest import require_binary
from tests.settings import TEST_DEFAULTS
from tests.support.live import ROOT, SERVICE_VARIABLES, free_port
from tests.support.nginx import readable_dir

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]
STARTUP_SECONDS = 300


def fresh_clone(target: Path) -> Path:
    """HEAD, plus the working tree's changes to versioned and new (unignored) files."""
    git = require_binary("git")
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(target)], check=True, timeout=120)
    listed = subprocess.run(
        [git, "-C", str(ROOT), "ls-files", "-z", "--modified", "--others", "--exclude-standard"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source, copy = ROOT / name, target / name
        if source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
        elif copy.exists():
            copy.unlink()  # deleted in the working tree
    return target


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in root.rglob("*")
        if path.is_file()
    }


def with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=path))


def processes() -> dict[int, tuple[int, str]]:
    """Every process: pid → (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found[int(entry.name)] = (parent, command.strip())
    return found


def stack_processes(root: int) -> dict[int, str]:
    """The processes ``make stack`` started (its descendants): pid → command line."""
    table = processes()
    found, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        for child, (parent, command) in table.items():
            if parent == pid and child not in found:
                found[child] = command
                frontier.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    return pids & set(processes())


@contextlib.contextmanager
def redis_database(url: str) -> Iterator[str]:
    """The next Redis database after the suite's, emptied before and after: a fresh stack
    has no rate-limit counts or queued tasks of an earlier run."""
    import redis

    parts = urlsplit(url)
    own = urlunsplit(parts._replace(path=f"/{(int(parts.path.strip('/') or 0) + 1) % 16}"))
    client = redis.Redis.from_url(own)
    client.flushdb()
    try:
        yield own
    finally:
        client.flushdb()
        client.close()


@contextlib.contextmanager
def database(url: str) -> Iterator[str]:
    """A database of its own for the stack (make stack creates it), dropped afterwards."""
    import psycopg

    name = f"gatehouse_stack_{uuid.uuid4().hex[:10]}"
    try:
        yield with_path(url, f"/{name}")
    finally:
        admin = with_path(url, "/postgres").replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stop(process: subprocess.Popen[bytes], started: set[int]) -> set[int]:
    """Ctrl-C, as a user stops it (honcho stops its processes); returns the processes that
    outlived it, killed then by pid."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    deadline = time.monotonic() + 15
    while alive(started) and time.monotonic() < deadline:
        time.sleep(0.2)
    survivors = alive(started)
    for pid in survivors:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return survivors


@pytest.fixture
def var_dir() -> Iterator[Path]:
    """GATEHOUSE_VAR_DIR, outside the clone (nginx's workers read the static files in it)."""
    path = readable_dir("gatehouse-stack-var-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_make_stack_from_a_fresh_clone(tmp_path: Path, var_dir: Path) -> None:
    require_binary("nginx")
    make = require_binary("make")
    main_venv, main_dist = ROOT / ".venv", ROOT / "frontend" / "dist"
    if not (main_dist / "index.html").is_file():
        pytest.fail("the web app is not built (frontend/dist); make test builds it")
    clone = fresh_clone(tmp_path / "clone")
    port, web_port = free_port(), free_port()
    untouched = [p for p in (main_venv / ".installed", main_dist / "index.html") if p.exists()]
    before = [path.stat().st_mtime_ns for path in untouched]
    clone_before = snapshot(clone)
    log_path = tmp_path / "stack.log"

    dropped = {"DJANGO_SETTINGS_MODULE", "MAKEFLAGS", "MAKELEVEL", "PYTHONPYCACHEPREFIX"}
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {*SERVICE_VARIABLES, *TEST_DEFAULTS, *dropped}
    }
    with (
        database(os.environ["DATABASE_URL"]) as database_url,
        redis_database(os.environ["REDIS_URL"]) as redis_url,
    ):
        env.update(
            {
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "GATEHOUSE_VAR_DIR": str(var_dir),
                "FRONTEND_DIST": str(main_dist),
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "WEB_PORT": str(web_port),
            }
        )
        command = [make, "-C", str(clone), "-o", f"{main_venv}/.installed", "stack"]
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [*command, f"VENV={main_venv}"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        started: set[int] = set()
        try:
            health = wait_for_health(url, process, log_path)
            page = httpx.get(f"{url}/events/summer-fest", timeout=10)
            direct = httpx.get(f"http://127.0.0.1:{web_port}/api/health/", timeout=10)
            running = stack_processes(process.pid)
            started.update(running)
            # The worker sends the password reset e-mail (console backend: into the log),
            # with a link to the port nginx serves.
            asked = httpx.post(
                f"{url}/api/auth/password/reset/",
                json={"email": "admin@gatehouse.local"},
                timeout=10,
            )
            link = wait_for(log_path, rf"{re.escape(url)}/reset-password\?\S*uid=\S+", process)
            time.sleep(3)  # beat sends the sweeper every second; the worker runs it
            later = httpx.get(f"{url}/api/health/", timeout=10).json()
        finally:
            started.update(stack_processes(process.pid))
            left = stop(process, started)
            output = log_path.read_text(errors="replace")

    assert health["ok"] is True, output[-3000:]
    assert health["mode"] == "full"
    assert page.status_code == 200
    assert '<div id="root">' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers.get("server") == "nginx"
    assert direct.status_code == 200  # daphne, on 127.0.0.1:WEB_PORT
    commands = list(running.values())
    assert any(c.startswith("nginx: master process") for c in commands), commands
    assert any(f"backend.serve -b 127.0.0.1 -p {web_port} " in c for c in commands), commands
    assert any("celery -A backend worker -Q celery " in c for c in commands), commands
    assert any("celery -A backend worker -Q email " in c for c in commands), commands  # mailer
    assert any("celery -A backend beat" in c for c in commands), commands
    assert asked.status_code == 200
    assert link
    assert later["periodic"]["holds-sweep"] < 3.0, later
    # Everything the processes wrote is under GATEHOUSE_VAR_DIR...
    assert list(var_dir.glob("celerybeat-schedule*")), sorted(os.listdir(var_dir))
    assert (var_dir / "nginx" / "nginx.conf").is_file()
    assert (var_dir / "secret_key").is_file()
    assert (var_dir / "static" / "admin").is_dir()
    # ...not in the clone, nor in this checkout's venv or build.
    assert snapshot(clone) == clone_before
    assert [path.stat().st_mtime_ns for path in untouched] == before
    # And Ctrl-C stopped every process.
    assert left == set()


def wait_for_health(url: str, process: subprocess.Popen[bytes], log: Path) -> dict[str, object]:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make stack exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        with contextlib.suppress(httpx.TransportError):
            answer = httpx.get(f"{url}/api/health/", timeout=5)
            if answer.status_code == 200:
                return answer.json()
        time.sleep(0.5)
    pytest.fail(f"make stack did not serve within {STARTUP_SECONDS} s:\n{log.read_text()[-4000:]}")


def wait_for(log: Path, pattern: str, process: subprocess.Popen[bytes], timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(pattern, log.read_text(errors="replace"))
        if found:
            return found.group(0)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"{pattern!r} not in the stack's output:\n{log.read_text()[-4000:]}")
