"""nginx/nginx.conf, rendered for this machine (``make stack``, and the tests' nginx).

The file is written for docker compose (listen 80, /srv/web, /srv/static, its pid in /tmp,
the image's temp folders). Here the same file gets this machine's address, the web servers'
(one upstream line per ``backend.serve`` process, balanced least_conn), the
built app's and the static files' folders, and a pid file and temp folders under the var
folder, so nginx runs as any user and writes nothing outside it. Nothing else changes: what
docker serves is what this serves.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "nginx" / "nginx.conf"
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def listen_address(host: str, port: int) -> str:
    return f"[{host.strip('[]')}]:{port}" if ":" in host else f"{host}:{port}"


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"nginx/nginx.conf no longer contains {old!r}: update {__name__}")
    return text.replace(old, new)


def render(*, listen: str, web_root: Path, static_root: Path, run_dir: Path) -> str:
    """nginx.conf for this machine; ``run_dir`` holds its pid file and temp folders."""
    text = TEMPLATE.read_text()
    text = _replace(text, "listen 80;", f"listen {listen};")
    text = _replace(text, "pid /tmp/nginx.pid;", f"pid {run_dir}/nginx.pid;")
    text = _replace(text, "root /srv/web;", f"root {web_root};")
    text = _replace(text, "alias /srv/static/;", f"alias {static_root}/;")
    temp = "".join(f"    {name}_temp_path {run_dir}/{name}_temp;\n" for name in TEMP_PATHS)
    return _replace(text, "http {\n", "http {\n" + temp)


def web_servers(host: str, port: int, processes: int) -> list[str]:
    """The addresses of ``backend.serve --processes N``: consecutive ports from ``port``."""
    return [listen_address(host, port + n) for n in range(processes)]


# nginx's passive health check of each web server (nginx OSS has no active one): a failed
# connection or a timeout takes the server out for fail_timeout, then one request tries it
# again. Its requests go to the next server meanwhile (``proxy_next_upstream`` in nginx.conf).
SERVER_PARAMETERS = "max_fails=1 fail_timeout=5s"


def upstream_conf(upstream: str | Sequence[str]) -> str:
    """upstream.conf: one ``server`` line per web process (nginx.conf balances least_conn),
    each passively health-checked."""
    servers = [upstream] if isinstance(upstream, str) else list(upstream)
    if not servers:
        raise ValueError("no web server to proxy to")
    return "".join(f"server {server} {SERVER_PARAMETERS};\n" for server in servers)


def write(
    directory: Path,
    *,
    listen: str,
    upstream: str | Sequence[str],
    web_root: Path,
    static_root: Path,
) -> Path:
    """Write nginx.conf and upstream.conf into ``directory``; returns nginx.conf's path.
    ``upstream`` is one web server's address or the list of them."""
    directory.mkdir(parents=True, exist_ok=True)
    conf = directory / "nginx.conf"
    conf.write_text(
        render(listen=listen, web_root=web_root, static_root=static_root, run_dir=directory)
    )
    (directory / "upstream.conf").write_text(upstream_conf(upstream))
    return conf
