"""Fakes of the wallet services on 127.0.0.1: Apple's push service (APNs) and Google's
OAuth token endpoint with the Wallet REST API.

They speak HTTP/1.1 (``tests.support.fake_http``): the push client uses HTTP/2 only when
the ``h2`` package is installed, and httpx falls back to HTTP/1.1 over cleartext anyway.
"""

from __future__ import annotations

import re
import secrets
import socket
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.fake_http import FakeServer, Received

DEVICE_PATH = re.compile(r"/3/device/(?P<token>[A-Za-z0-9]+)")
OBJECT_PATH = re.compile(r"/walletobjects/v1/eventTicketObject/(?P<id>[A-Za-z0-9._-]+)")


class FakeApns(FakeServer):
    """``POST /3/device/<token>``: 200, or 410 for a token in ``gone``."""

    def __init__(self) -> None:
        super().__init__()
        self.gone: set[str] = set()

    def pushes(self) -> list[Received]:
        return [r for r in self.requests if DEVICE_PATH.fullmatch(r.path)]

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        match = DEVICE_PATH.fullmatch(request.path)
        if request.method != "POST" or match is None:
            return 404, {"reason": "BadPath"}
        if not request.headers.get("apns-topic"):
            return 400, {"reason": "MissingTopic"}
        if match["token"] in self.gone:
            return 410, {"reason": "Unregistered"}
        return 200, {}


class FakeGoogleWallet(FakeServer):
    """``POST /token`` (a JWT-bearer grant) → an access token; ``PATCH`` an event ticket
    object the test saved (``objects``) with that token."""

    def __init__(self) -> None:
        super().__init__()
        self.objects: dict[str, dict[str, Any]] = {}
        self.tokens: set[str] = set()

    @property
    def token_uri(self) -> str:
        return self.base_url + "/token"

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        if request.path == "/token" and request.method == "POST":
            if request.form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
                return 400, {"error": "unsupported_grant_type"}
            token = secrets.token_hex(12)
            self.tokens.add(token)
            return 200, {"access_token": token, "expires_in": 3600, "token_type": "Bearer"}
        match = OBJECT_PATH.fullmatch(request.path)
        if match is None or request.method != "PATCH":
            return 404, {"error": {"code": 404, "message": "not found"}}
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme != "Bearer" or token not in self.tokens:
            return 401, {"error": {"code": 401, "message": "unauthenticated"}}
        if match["id"] not in self.objects:
            return 404, {"error": {"code": 404, "message": "no such object"}}
        self.objects[match["id"]].update(request.json())
        return 200, self.objects[match["id"]]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        handler = super()._handler()

        class Handler(handler):  # type: ignore[valid-type,misc]
            def do_PATCH(self) -> None:
                self._serve()

        return Handler


class FakeApnsHttp2:
    """APNs as Apple runs it: HTTP/2 over TLS (ALPN ``h2`` only), a client certificate
    required and checked against ``client_ca``. Serves ``POST /3/device/<token>`` with 200
    and records each request with the client certificate's subject."""

    def __init__(self, *, cert: str, key: str, client_ca: str) -> None:
        import ssl

        self.requests: list[dict[str, Any]] = []
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._context.load_verify_locations(client_ca)
        self._context.verify_mode = ssl.CERT_REQUIRED
        self._context.set_alpn_protocols(["h2"])
        self._socket: Any = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self) -> FakeApnsHttp2:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._running = False
        self._socket.close()

    def _accept(self) -> None:
        while self._running:
            try:
                raw, _ = self._socket.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        import h2.config
        import h2.connection
        import h2.events

        raw.settimeout(5)
        try:
            conn = self._context.wrap_socket(raw, server_side=True)
        except OSError:
            raw.close()
            return
        subject = dict(item[0] for item in conn.getpeercert()["subject"])  # type: ignore[index]
        h2conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        h2conn.initiate_connection()
        conn.sendall(h2conn.data_to_send())
        streams: dict[int, dict[str, Any]] = {}
        try:
            while True:
                data = conn.recv(65535)
                if not data:
                    break
                for event in h2conn.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        headers = {
                            (k.decode() if isinstance(k, bytes) else k): (
                                v.decode() if isinstance(v, bytes) else v
                            )
                            for k, v in event.headers
                        }
                        streams[event.stream_id] = {"headers": headers, "body": b""}
                    elif isinstance(event, h2.events.DataReceived):
                        streams[event.stream_id]["body"] += event.data
                        h2conn.acknowledge_received_data(
                            event.flow_controlled_length, event.stream_id
                        )
                    elif isinstance(event, h2.events.StreamEnded):
                        request = streams.pop(event.stream_id)
                        request["client_subject"] = subject
                        request["alpn"] = conn.selected_alpn_protocol()
                        with self._lock:
                            self.requests.append(request)
                        ok = request["headers"].get(":path", "").startswith("/3/device/")
                        h2conn.send_headers(
                            event.stream_id, [(":status", "200" if ok else "404")], end_stream=True
                        )
                conn.sendall(h2conn.data_to_send())
        except OSError:
            pass
        finally:
            conn.close()
