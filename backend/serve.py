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
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from typing import Any

from daphne.cli import CommandLineInterface
from daphne.server import Server
from daphne.ws_protocol import WebSocketProtocol
from zope.interface import implementer

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


class GatehouseServer(Server):
    def create_application(self, protocol: Any, scope: dict[str, Any]) -> Any:
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


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    # Links in e-mails and SMS point at the address served, unless told otherwise.
    os.environ.setdefault("FRONTEND_URL", served_url(args))
    import django

    django.setup()
    _start_embedded_jobs()
    args = _quiet_unless_asked(args)
    if not any(":" in arg and not arg.startswith("-") for arg in args):
        args.append("backend.asgi:application")
    GatehouseCommandLine().run(args)


if __name__ == "__main__":
    main()
