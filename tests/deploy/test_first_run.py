"""The first run reads well: `make run` installs only what serving needs, prints the logins
(admin, demo staff, demo station) in a box on every start, and keeps request logs quiet in
the embedded mode unless ACCESS_LOG asks for them."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.live import ROOT, embedded_env, live_server

pytestmark = pytest.mark.slow


def _make_dry_run(tmp_path: Path, target: str) -> str:
    make = shutil.which("make")
    assert make is not None
    # A virtualenv that does not exist: make prints every install step it would take.
    venv = tmp_path / "venv"
    result = subprocess.run(
        [make, "-n", "-C", str(ROOT), f"VENV={venv}", f"FRONTEND_DIST={tmp_path}", target],
        capture_output=True,
        text=True,
        timeout=60,
        env=embedded_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_only_what_serving_needs(tmp_path: Path) -> None:
    run = _make_dry_run(tmp_path, "run")
    test = _make_dry_run(tmp_path, "test")

    assert re.search(r"pip install .*-e \.$", run, re.M), run
    assert ".[test]" not in run
    assert "manage.py logins" in run
    # make test installs the tests' extras (from nothing, as CI does).
    assert re.search(r"pip install .*-e \.$", test, re.M), test
    assert '-e ".[test]"' in test


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _box(output: str) -> str:
    found = re.search(r"┌─+┐\n(?:│.*│\n)+└─+┘", output)
    assert found, output
    return found.group(0)


def test_the_logins_box_shows_working_logins_on_every_start(tmp_path: Path) -> None:
    env = embedded_env(tmp_path)
    url = "http://127.0.0.1:8123"
    _manage(env, "migrate", "--noinput", "-v0")
    demo = _manage(env, "demo")
    admin = _manage(env, "ensure_admin", "--url", f"{url}/admin/")
    first = _box(_manage(env, "logins", "--url", url))

    admin_password = re.search(r"password: (\S+)", admin).group(1)  # type: ignore[union-attr]
    staff = re.search(r"Staff sign-in created: (\S+) / (\S+)", demo)
    token = re.search(r"station token created: (\S+)", demo)
    assert staff
    assert token
    assert f"{url}/admin/" in first
    assert f"{url}/staff" in first
    assert f"{url}/scan" in first
    assert re.search(r"e-mail: +admin@gatehouse\.local", first)
    assert re.search(rf"password: +{re.escape(admin_password)} ", first)
    assert re.search(rf"e-mail: +{re.escape(staff.group(1))}", first)
    assert re.search(rf"password: +{re.escape(staff.group(2))} ", first)
    assert re.search(rf"token: +{re.escape(token.group(1))} ", first)
    kept = tmp_path / "logins.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    # Another start: nothing new is made, the same logins are shown again.
    again_demo = _manage(env, "demo")
    again_admin = _manage(env, "ensure_admin", "--url", f"{url}/admin/")
    assert "created" not in again_demo + again_admin
    assert _box(_manage(env, "logins", "--url", url)) == first

    # A password changed since is not shown: the box says how to set one.
    _manage(
        env,
        "shell",
        "-c",
        "from backend.accounts.models import User;"
        "u = User.objects.get(email='staff@gatehouse.local');"
        "u.set_password('changed-by-hand-42'); u.save()",
    )
    changed = _box(_manage(env, "logins", "--url", url))
    assert staff.group(2) not in changed
    assert "manage.py changepassword staff@gatehouse.local" in changed
    assert re.search(rf"password: +{re.escape(admin_password)} ", changed)


def _served_log(env: dict[str, str], tmp_path: Path) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    _manage(env, "migrate", "--noinput", "-v0")
    with live_server(env, tmp_path) as server:
        for _ in range(3):
            assert httpx.get(f"{server.url}/api/health/", timeout=10).status_code == 200
        return server.log()


def test_request_logs_are_quiet_in_the_embedded_mode(tmp_path: Path) -> None:
    quiet = _served_log(embedded_env(tmp_path / "quiet"), tmp_path / "quiet")
    loud_env = embedded_env(tmp_path / "loud")
    loud_env["ACCESS_LOG"] = "1"
    loud = _served_log(loud_env, tmp_path / "loud")

    assert '"GET ' not in quiet, quiet[-2000:]
    assert re.search(r'"GET /api/health/" 200', loud), loud[-2000:]
