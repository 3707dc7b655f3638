"""Fakes of the wallet services on 127.0.0.1: Apple's push service (APNs) and Google's
OAuth token endpoint with the Wallet REST API.

They speak HTTP/1.1 (``tests.support.fake_http``): the push client uses HTTP/2 only when
the ``h2`` package is installed, and httpx falls back to HTTP/1.1 over cleartext anyway.
"""

from __future__ import annotations

import re
import secrets
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
