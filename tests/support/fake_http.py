"""Fake HTTP APIs on 127.0.0.1 for tests: the plumbing every fake provider shares.

A subclass of :class:`FakeServer` implements ``answer(request) -> (status, json body)``; the
server records every request and can be switched into outages (``fail``, ``stall``,
``stop``). The fakes of the SMS providers (and later of the payment providers) build on it.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl

E164 = re.compile(r"\+[1-9]\d{7,14}")
STALL_LIMIT = 30.0  # a stalled answer is released by then at the latest


@dataclass(frozen=True)
class Received:
    """One request as the fake saw it."""

    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    form: dict[str, str]  # the form-encoded body (empty if the body was something else)
    raw: bytes = b""  # the body as received

    def json(self) -> Any:
        return json.loads(self.raw) if self.raw else None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def basic_auth(self) -> tuple[str, str] | None:
        scheme, _, encoded = self.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except ValueError:
            return None
        return user, password


@dataclass(frozen=True)
class Sent:
    """One SMS the fake "sent": what the user would read."""

    to: str
    code: str
    locale: str
    reference: str  # the verification's sid or id


@dataclass(frozen=True)
class Message:
    """One plain SMS the fake "sent" (a messaging API, not a verification)."""

    to: str  # E.164
    body: str
    id: str  # the provider's message id


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exception(), ConnectionError):
            return  # the client gave up on a stalled answer
        super().handle_error(request, client_address)


class FakeServer:
    """An HTTP API on 127.0.0.1, served from daemon threads; subclasses implement ``answer``.

    Every request is recorded in ``requests``. Switches for outages: ``fail()`` answers every
    request with a status (503 by default) or a raw body until ``recover()``; ``stall()``
    holds every answer until ``release()`` or ``stop()``; ``stop()`` stops listening, so
    connections to ``base_url`` are refused from then on.
    """

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.sent: list[Sent] = []
        self.messages: list[Message] = []
        self._lock = threading.Lock()
        self._failure: tuple[int, bytes, str] | None = None
        self._stalling = False
        self._released = threading.Event()
        self._server: _Server | None = None
        self._port = 0

    # lifecycle

    def start(self) -> Self:
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._port = self._server.server_address[1]
        thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{type(self).__name__}:{self._port}",
            daemon=True,
        )
        thread.start()
        return self

    def stop(self) -> None:
        """Stop listening (idempotent); stalled answers are released first."""
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    # switches

    def fail(
        self,
        status: int = 503,
        body: bytes | None = None,
        content_type: str = "application/json",
    ) -> None:
        if body is None:
            body = json.dumps({"status": status, "message": "Service Unavailable"}).encode()
        self._failure = (status, body, content_type)

    def recover(self) -> None:
        self._failure = None

    def stall(self) -> None:
        self._released.clear()
        self._stalling = True

    def release(self) -> None:
        self._stalling = False
        self._released.set()

    # what the user got

    def code_for(self, phone: str) -> str:
        """The code of the last SMS sent to ``phone``."""
        codes = [sent.code for sent in self.sent if sent.to == phone]
        assert codes, f"no SMS was sent to {phone}; sent: {self.sent}"
        return codes[-1]

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        raise NotImplementedError

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {name.lower(): value for name, value in self.headers.items()}
                form: dict[str, str] = {}
                if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                    form = dict(parse_qsl(raw.decode(), keep_blank_values=True))
                request = Received(self.command, self.path, headers, form, raw)
                with fake._lock:
                    fake.requests.append(request)
                if fake._stalling:
                    fake._released.wait(STALL_LIMIT)
                failure = fake._failure
                if failure is not None:
                    self._send(*failure)
                    return
                with fake._lock:
                    status, body = fake.answer(request)
                self._send(status, json.dumps(body).encode(), "application/json")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
