"""Debian's nginx with the project's nginx/nginx.conf, rendered as `make stack` renders it,
in front of a live daphne, for a test."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from backend.core import nginx as nginx_conf
from tests.conftest import require_binary
from tests.support.live import free_port


def readable_dir(prefix: str) -> Path:
    """A temporary folder nginx's workers (another user when the tests run as root) can
    read; pytest's own are private."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


@contextlib.contextmanager
def nginx_in_front(
    upstream_port: int,
    *,
    web_root: Path,
    static_root: Path | None = None,
    access_log: Path | None = None,
) -> Iterator[str]:
    """Run nginx in front of one web server until the block ends; yields its URL."""
    with nginx_over(
        [upstream_port], web_root=web_root, static_root=static_root, access_log=access_log
    ) as url:
        yield url


@contextlib.contextmanager
def nginx_over(
    ports: Sequence[int],
    *,
    web_root: Path | None = None,
    static_root: Path | None = None,
    access_log: Path | None = None,
) -> Iterator[str]:
    """Run nginx, one upstream server per port, until the block ends; yields its URL. Its
    access log (stdout) goes to ``access_log`` when given."""
    binary = require_binary("nginx")
    run_dir = readable_dir("gatehouse-nginx-")
    root = web_root or run_dir / "web"
    root.mkdir(exist_ok=True)
    port = free_port()
    conf = nginx_conf.write(
        run_dir,
        listen=f"127.0.0.1:{port}",
        upstream=[f"127.0.0.1:{p}" for p in ports],
        web_root=root,
        static_root=static_root or run_dir / "static",
    )
    log = access_log.open("wb") if access_log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [binary, "-e", "stderr", "-p", str(run_dir), "-c", str(conf), "-g", "daemon off;"],
        stdout=log,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                httpx.get(f"{url}/nginx-health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        shutil.rmtree(run_dir, ignore_errors=True)
        if access_log is not None:
            log.close()  # type: ignore[union-attr]
