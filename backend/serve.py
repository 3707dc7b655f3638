"""``python -m backend.serve``: daphne, as Gatehouse runs it.

Two additions to plain daphne, both without patching it:

* **Write backpressure for websockets.**  Daphne writes every frame straight into Twisted's
  transport buffer, which grows without bound when a client stops reading, and the
  application never learns of it.  Here each websocket transport gets a push producer, so
  Twisted tells us when its buffer is over its high-water mark; while it is, the ASGI
  ``send()`` of a ``websocket.send`` waits.  The gateway's bounded outbox then fills up and
  closes the slow client with 4008, as docs/websocket.md promises.
* **Periodic jobs in the embedded mode.**  With no broker configured, the jobs of
  ``backend.periodic`` run on a timer in this process instead of in celery beat.

All of daphne's command-line options work; server pings default to every 20 s. Its access log
(a line per request) is written only with ACCESS_LOG on (the default outside the embedded
mode) or when ``--access-log``/``--verbosity`` is given.

Two options of its own, read before daphne sees the command line:

* ``--processes N`` (or ``WEB_PROCESSES``; ``auto`` is one per core): N servers on the
  consecutive ports ``-p``, ``-p`` + 1, … each a process of its own, watched by this one
  (a server that dies is started again; SIGINT/SIGTERM stop them all). nginx balances over
  them (``manage.py nginx_config --web-processes N``). More than one needs a shared channel
  layer and cache (Redis): the embedded mode always runs one, and refuses an explicit N > 1.
* ``--server daphne|uvicorn`` (or ``WEB_SERVER``): uvicorn with uvloop and httptools serves
  the same application (docs/operations.md has the figures). Its websocket protocol waits
  for the transport to drain before a ``websocket.send`` returns, so the gateway's outbox
  and its 4008 close work the same way without the producer above; it believes no
  forwarding header of its own (the application's proxy middleware does that), has no
  ``Server`` header and no lifespan. Only ``-b``, ``-p`` and ``--access-log``/``-v`` (an
  access log) carry over to it.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from daphne.cli import CommandLineInterface
from daphne.server import Server
from daphne.ws_protocol import WebSocketProtocol
from zope.interface import implementer

from backend.core.lifecycle import begin_shutdown, shutting_down
from backend.core.processes import (
    forget_metrics_of,
    forget_metrics_of_dead_processes,
    metrics_dir,
    process_count,
)

try:
    from twisted.internet.interfaces import IPushProducer
except ImportError:  # pragma: no cover - Twisted always ships it
    IPushProducer = None  # type: ignore[misc, assignment]

logger = logging.getLogger(__name__)


@implementer(IPushProducer)
class WriteGate:
    """Twisted's producer callbacks for one websocket, turned into something to await."""

    def __init__(self) -> None:
        self._open: asyncio.Future[None] | None = None

    @property
    def paused(self) -> bool:
        return self._open is not None

    def pauseProducing(self) -> None:
        if self._open is None:
            self._open = asyncio.get_event_loop().create_future()

    def resumeProducing(self) -> None:
        opened, self._open = self._open, None
        if opened is not None and not opened.done():
            opened.set_result(None)

    stopProducing = resumeProducing

    async def wait(self) -> None:
        if self._open is not None:
            await asyncio.shield(self._open)


# A client closed for being slow still has a backlog to read before it sees the close frame
# (code 4008); autobahn's default of 1 s would cut the connection first.
CLOSE_HANDSHAKE_TIMEOUT = 10


def _attach_write_gate(protocol: WebSocketProtocol) -> None:
    protocol.closeHandshakeTimeout = CLOSE_HANDSHAKE_TIMEOUT
    transport = protocol.transport
    try:
        # After the upgrade the HTTP channel is still the transport's producer; the
        # websocket takes its place.
        transport.unregisterProducer()
        gate = WriteGate()
        transport.registerProducer(gate, True)
    except Exception:  # an unusual transport: serve it without backpressure
        logger.warning("No write backpressure for %r", protocol, exc_info=True)
        return
    protocol.write_gate = gate


# A node told to stop (SIGTERM) closes its websockets with this code, "Service Restart"
# (RFC 6455): the client should reconnect at once, through the balancer, to another node.
RECONNECT_ELSEWHERE = 1012
# How long a stopping node waits for requests in flight and websocket close handshakes
# before it exits anyway (WEB_SHUTDOWN_SECONDS). The supervisor waits a little longer.
DEFAULT_SHUTDOWN_SECONDS = 10.0


def shutdown_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("WEB_SHUTDOWN_SECONDS") or DEFAULT_SHUTDOWN_SECONDS))
    except ValueError:
        raise SystemExit("WEB_SHUTDOWN_SECONDS must be a number of seconds") from None


def _last_on_its_connection(request: Any) -> None:
    """A request a stopping node still answers closes its connection afterwards (with
    ``Connection: close`` when the answer has not started), so nginx does not send the
    next request down a kept-alive connection to this node."""
    channel = getattr(request, "channel", None)
    if channel is not None:
        channel.persistent = False
    if not getattr(request, "startedWriting", True):
        request.responseHeaders.setRawHeaders(b"Connection", [b"close"])


class GatehouseServer(Server):
    """Daphne with a graceful stop: on SIGTERM (Twisted's "before shutdown") the node stops
    listening, says so on /api/health/ready/ (503), closes every websocket with 1012,
    lets requests in flight finish, and only then cancels what is left, within
    WEB_SHUTDOWN_SECONDS."""

    def run(self) -> None:
        self._ports: list[Any] = []
        super().run()

    def listen_success(self, port: Any) -> None:
        super().listen_success(port)
        self._ports.append(port)

    def kill_all_applications(self) -> Any:
        from twisted.internet import defer

        drained = defer.ensureDeferred(self._drain(shutdown_seconds()))
        drained.addErrback(lambda failure: logger.error("Draining failed: %s", failure.value))
        drained.addBoth(lambda _result: self._cancel_the_rest())
        return drained

    def _cancel_the_rest(self) -> None:
        """Daphne's kill_all_applications, for what the drain left (a connection whose
        application never started has no instance: daphne's own would fail on it)."""
        for details in list(self.connections.values()):
            instance = details.get("application_instance")
            if instance is not None and not instance.done():
                instance.cancel()

    async def _drain(self, within: float) -> None:
        from twisted.internet import defer, reactor, task

        begin_shutdown()
        await defer.gatherResults(
            [defer.maybeDeferred(port.stopListening) for port in self._ports],
            consumeErrors=True,
        )
        for protocol in list(self.connections):
            if not isinstance(protocol, WebSocketProtocol):
                _last_on_its_connection(protocol)
            elif protocol.state == protocol.STATE_OPEN:
                # autobahn's sendClose() allows an application only 1000 and 3000-4999;
                # 1012 is a server's code (RFC 6455, IANA registry), sent as a close frame.
                protocol.sendCloseFrame(
                    code=RECONNECT_ELSEWHERE, reasonUtf8=b"service restart", isReply=False
                )
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and any(
            "disconnected" not in details for details in self.connections.values()
        ):
            await task.deferLater(reactor, 0.05, lambda: None)
        left = [p for p, details in self.connections.items() if "disconnected" not in details]
        if left:
            logger.warning(
                "Stopping with %d connection(s) still open after %.0f s: %s",
                len(left),
                within,
                ", ".join(sorted({type(p).__name__ for p in left})),
            )

    def create_application(self, protocol: Any, scope: dict[str, Any]) -> Any:
        if shutting_down() and not isinstance(protocol, WebSocketProtocol):
            _last_on_its_connection(protocol)
        queue = super().create_application(protocol, scope)
        if queue is not None and isinstance(protocol, WebSocketProtocol):
            _attach_write_gate(protocol)
        return queue

    async def handle_reply(self, protocol: Any, message: dict[str, Any]) -> None:
        await super().handle_reply(protocol, message)
        gate: WriteGate | None = getattr(protocol, "write_gate", None)
        if gate is not None and gate.paused and message.get("type") == "websocket.send":
            await gate.wait()


class GatehouseCommandLine(CommandLineInterface):
    server_class = GatehouseServer


def _start_embedded_jobs() -> None:
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        import backend.periodic  # noqa: F401  (registers the jobs)
        from backend.core.periodic import EmbeddedScheduler

        EmbeddedScheduler().start()


def served_url(args: list[str]) -> str:
    """The address daphne serves, from its ``-b``/``--bind`` and ``-p``/``--port``."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-p", "--port", default="8000")
    known, _rest = parser.parse_known_args(args)
    host = "127.0.0.1" if known.bind in ("0.0.0.0", "::") else known.bind  # noqa: S104
    return f"http://{f'[{host}]' if ':' in host else host}:{known.port}"


def _quiet_unless_asked(args: list[str]) -> list[str]:
    """No access log (daphne writes one line per request at its default verbosity) unless
    ACCESS_LOG is on or the command line asks for one or for a verbosity."""
    from django.conf import settings

    asked = any(arg.split("=")[0] in ("--access-log", "-v", "--verbosity") for arg in args)
    if settings.ACCESS_LOG or asked:
        return args
    return ["--verbosity", "0", *args]


SERVERS = ("daphne", "uvicorn")
DEFAULT_SERVER = "daphne"


def _own_options(args: list[str]) -> tuple[str, str, list[str]]:
    """``--server`` and ``--processes`` (else WEB_SERVER, WEB_PROCESSES), and the rest."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--server", default=os.environ.get("WEB_SERVER") or DEFAULT_SERVER)
    parser.add_argument("--processes", default=os.environ.get("WEB_PROCESSES") or "1")
    known, rest = parser.parse_known_args(args)
    if known.server not in SERVERS:
        raise SystemExit(f"--server/WEB_SERVER: {known.server!r} is not one of {SERVERS}")
    return known.server, known.processes, rest


def _without(args: list[str], short: str, long: str) -> list[str]:
    """``args`` without an option and its value (``-p 8001``, ``--port=8001``)."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in (short, long):
            skip = True
        elif not arg.startswith(f"{long}="):
            kept.append(arg)
    return kept


def child_commands(args: list[str], processes: int, server: str) -> list[list[str]]:
    """One command per server: the same options, on the ports ``-p``, ``-p`` + 1, …"""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8000)
    known, _rest = parser.parse_known_args(args)
    rest = _without(_without(args, "-b", "--bind"), "-p", "--port")
    base = [sys.executable, "-m", "backend.serve", "-b", known.bind]
    own = ["--server", server, "--processes", "1"]
    return [[*base, "-p", str(known.port + n), *own, *rest] for n in range(processes)]


def _die_with_parent() -> None:
    """In a server, before it runs: SIGTERM when the supervisor dies, even by SIGKILL
    (Linux's PR_SET_PDEATHSIG), so no server outlives it holding its port."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the servers stop with SIGTERM only
        pass


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, preexec_fn=_die_with_parent)  # noqa: S603


def supervise(commands: Sequence[list[str]], *, restart_delay: float = 1.0) -> int:
    """Run every command; start again one that dies; stop them all on SIGINT/SIGTERM."""
    stopping: list[int] = []

    def stop(signum: int, _frame: Any) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    running = {n: _start(command) for n, command in enumerate(commands)}
    died: dict[int, float] = {}
    while not stopping:
        time.sleep(0.2)
        for n, process in running.items():
            if process.poll() is not None and n not in died:
                logger.warning("web process %s exited with %s", process.pid, process.returncode)
                sys.stderr.write(
                    f"backend.serve: server {n + 1} (pid {process.pid}) exited with "
                    f"{process.returncode}; starting it again\n"
                )
                died[n] = time.monotonic() + restart_delay
                forget_metrics_of(process.pid)
        for n, due in list(died.items()):
            if time.monotonic() >= due and not stopping:
                running[n] = _start(commands[n])
                del died[n]
    for process in running.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + shutdown_seconds() + 5
    for process in running.values():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        forget_metrics_of(process.pid)
    return 0


def run_uvicorn(args: list[str]) -> None:
    """The application under uvicorn (uvloop, httptools), as the daphne above serves it."""
    import uvicorn
    from django.conf import settings

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("--access-log", default=None)
    parser.add_argument("-v", "--verbosity", type=int, default=None)
    known, rest = parser.parse_known_args(args)
    apps = [arg for arg in rest if ":" in arg and not arg.startswith("-")]
    access_log = bool(settings.ACCESS_LOG or known.access_log or known.verbosity)

    class GatehouseUvicorn(uvicorn.Server):
        """uvicorn's own graceful stop (no new connections, websockets closed with 1012,
        requests in flight finished within timeout_graceful_shutdown), plus the readiness
        flag."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            begin_shutdown()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
        apps[-1] if apps else "backend.asgi:application",
        host=known.bind,
        port=known.port,
        loop="uvloop",
        http="httptools",
        ws="auto",
        lifespan="off",
        proxy_headers=False,  # backend.core.proxies decides whom to believe
        server_header=False,
        access_log=access_log,
        log_level="info" if access_log else "warning",
        # LOG_FORMAT=json: uvicorn's lines go through settings.LOGGING too (no format of its own).
        log_config=None if settings.LOG_FORMAT == "json" else uvicorn.config.LOGGING_CONFIG,
        # As daphne: no permessage-deflate (compressing every frame for every client costs
        # CPU on each fan-out, and a compressed backlog would hide a slow client).
        ws_per_message_deflate=False,
        ws_ping_interval=20,
        ws_ping_timeout=20,
        timeout_graceful_shutdown=max(1, round(shutdown_seconds())),
        # Longer than nginx keeps an idle upstream connection (keepalive_timeout 60s), so
        # nginx never sends a request on a connection uvicorn is closing (a 502).
        timeout_keep_alive=75,
    )
    GatehouseUvicorn(config).run()


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    server, processes_asked, args = _own_options(list(sys.argv[1:] if argv is None else argv))
    # Links in e-mails and SMS point at the address served, unless told otherwise.
    os.environ.setdefault("FRONTEND_URL", served_url(args))
    # This process serves requests: its database statements are bounded (settings.py).
    os.environ.setdefault("GATEHOUSE_WEB_PROCESS", "1")
    metrics_dir()  # made before any metric is (PROMETHEUS_MULTIPROC_DIR, when it is set)
    import django

    django.setup()
    from django.conf import settings

    shared = bool(settings.REDIS_URL)  # the channel layer and cache every process shares
    processes = process_count(processes_asked, shared_layer=shared)
    if processes > 1:
        # Prometheus's multiprocess mode: every server writes its metrics to one directory
        # and a scrape of any of them reads them all (backend/core/metrics.py).
        # A directory of its own unless one is given (the Procfile's is shared with Celery,
        # and `make stack` empties it): what earlier runs left there goes.
        own = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(settings.VAR_DIR / "prometheus"))
        forget_metrics_of_dead_processes(counters_too=own)
        sys.exit(supervise(child_commands(args, processes, server)))
    _start_embedded_jobs()
    if server == "uvicorn":
        run_uvicorn(args)
        return
    args = _quiet_unless_asked(args)
    if not any(":" in arg and not arg.startswith("-") for arg in args):
        args.append("backend.asgi:application")
    GatehouseCommandLine().run(args)


if __name__ == "__main__":
    main()
