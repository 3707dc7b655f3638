"""Websocket handshakes: only the site's own origin (scheme, host and port) or an origin
trusted for CSRF may open the gateway."""

from __future__ import annotations

from typing import Any

import pytest
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from backend.asgi import application
from backend.core.origins import origin_allowed


def scope(origin: str | None, host: str | None = "127.0.0.1:8000", scheme: str = "ws") -> Any:
    headers = [(b"origin", origin.encode())] if origin is not None else []
    if host is not None:
        headers.append((b"host", host.encode()))
    return {"type": "websocket", "scheme": scheme, "headers": headers}


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "ws", True),
        ("HTTP://127.0.0.1:8000", "127.0.0.1:8000", "ws", True),
        # The scheme counts: a page on https is another origin than one on http.
        ("https://127.0.0.1:8000", "127.0.0.1:8000", "ws", False),
        ("https://127.0.0.1:8000", "127.0.0.1:8000", "wss", True),
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "wss", False),
        # The port counts, default ports included.
        ("http://127.0.0.1:9999", "127.0.0.1:8000", "ws", False),
        ("http://127.0.0.1", "127.0.0.1:8000", "ws", False),
        ("http://127.0.0.1", "127.0.0.1", "ws", True),
        ("http://127.0.0.1:80", "127.0.0.1", "ws", True),
        ("https://localhost", "localhost", "wss", True),
        ("https://localhost", "localhost:443", "wss", True),
        ("http://[::1]:8000", "[::1]:8000", "ws", True),
        # Other sites, however they dress up.
        ("http://evil.example", "127.0.0.1:8000", "ws", False),
        ("http://127.0.0.1.evil.example:8000", "127.0.0.1:8000", "ws", False),
        ("http://evil.example:8000", "evil.example:8000", "ws", False),  # not an allowed host
        ("null", "127.0.0.1:8000", "ws", False),
        ("http://127.0.0.1:8000/", "127.0.0.1:8000", "ws", False),  # not an origin
        ("http://user@127.0.0.1:8000", "127.0.0.1:8000", "ws", False),
        ("http://127.0.0.1:99999", "127.0.0.1:8000", "ws", False),
        ("ws://127.0.0.1:8000", "127.0.0.1:8000", "ws", False),
        ("http://127.0.0.1:8000", None, "ws", False),  # no Host: nothing to be the same as
        ("http://127.0.0.1:8000", "127.0.0.1:abc", "ws", False),
    ],
)
def test_the_origin_must_be_the_sites_own(
    origin: str, host: str | None, scheme: str, allowed: bool
) -> None:
    assert origin_allowed(scope(origin, host, scheme)) is allowed


def test_a_missing_origin_is_refused_as_channels_refused_it() -> None:
    assert origin_allowed(scope(None)) is False
    with override_settings(ALLOWED_HOSTS=["*"]):
        assert origin_allowed(scope(None)) is True


@override_settings(
    CSRF_TRUSTED_ORIGINS=["https://app.example.com", "https://*.tickets.example"],
    ALLOWED_HOSTS=["api.example.com"],
)
@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://app.example.com", True),
        ("https://app.example.com:443", True),
        ("http://app.example.com", False),
        ("https://app.example.com:8443", False),
        ("https://gate.tickets.example", True),
        ("https://tickets.example", True),
        ("https://eviltickets.example", False),
        ("http://gate.tickets.example", False),
    ],
)
def test_origins_trusted_for_csrf_may_connect(origin: str, allowed: bool) -> None:
    assert origin_allowed(scope(origin, host="api.example.com", scheme="wss")) is allowed


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (b"http://127.0.0.1:8000", True),
        (b"https://127.0.0.1:8000", False),
        (b"http://127.0.0.1:9999", False),
        (b"http://evil.example", False),
        (None, False),
    ],
)
async def test_the_gateway_applies_it(origin: bytes | None, accepted: bool) -> None:
    headers = [(b"host", b"127.0.0.1:8000")] + ([(b"origin", origin)] if origin else [])
    communicator = WebsocketCommunicator(application, "/ws/", headers)

    connected, _ = await communicator.connect()
    await communicator.disconnect()

    assert connected is accepted
