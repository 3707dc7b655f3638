"""The client's address and scheme: proxy headers count only from a trusted proxy, and the
X-Forwarded-For walk stops at the first address nobody trusts."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from backend.core.proxies import (
    ProxyHeadersMiddleware,
    client_address,
    parse_address,
    parse_networks,
)

NGINX = "10.0.0.2"
TRUSTED = parse_networks(["10.0.0.0/24", "192.168.7.1", "fd00::/64"])


def walk(peer: str, *forwarded_for: str) -> str:
    address = parse_address(peer)
    assert address is not None
    return str(client_address(address, list(forwarded_for), TRUSTED))


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        # Untrusted peers: the header is ignored whatever it says.
        ("203.0.113.9", ["1.2.3.4"], "203.0.113.9"),
        ("203.0.113.9", ["10.0.0.9"], "203.0.113.9"),
        ("203.0.113.9", ["garbage"], "203.0.113.9"),
        # One trusted proxy that replaced the header: its entry is the client.
        (NGINX, ["198.51.100.4"], "198.51.100.4"),
        # A chain: trusted hops are skipped from the right, the nearest untrusted wins, and
        # whatever the client wrote further left does not count.
        (NGINX, ["6.6.6.6, 198.51.100.4, 192.168.7.1"], "198.51.100.4"),
        (NGINX, ["6.6.6.6, 198.51.100.4", "10.0.0.77"], "198.51.100.4"),  # two header lines
        # CIDRs: every address inside one is trusted.
        ("10.0.0.250", ["198.51.100.4, 10.0.0.3"], "198.51.100.4"),
        # Every hop trusted: the farthest one is the nearest we could trust.
        (NGINX, ["10.0.0.5, 192.168.7.1"], "10.0.0.5"),
        # Malformed entries stop the walk at the nearest hop we could trust.
        (NGINX, ["1.2.3.4, not-an-ip"], NGINX),
        (NGINX, ["1.2.3.4, not-an-ip, 10.0.0.5"], "10.0.0.5"),
        (NGINX, ["198.51.100.4:5555"], NGINX),  # a port is not an address
        (NGINX, ["<script>alert(1)</script>"], NGINX),
        (NGINX, ["1.2.3.4,,10.0.0.5"], "10.0.0.5"),
        (NGINX, ["999.1.1.1"], NGINX),
        # Empty or absent: the proxy itself is the client.
        (NGINX, [""], NGINX),
        (NGINX, [], NGINX),
        # IPv6, trusted by CIDR; an IPv4 peer seen through a dual-stack socket.
        ("fd00::1", ["2001:db8::7"], "2001:db8::7"),
        ("fd00::1", ["2001:db8::7, fd00::2"], "2001:db8::7"),
        ("2001:db8::9", ["198.51.100.4"], "2001:db8::9"),
        ("::ffff:10.0.0.2", ["198.51.100.4"], "198.51.100.4"),
        (NGINX, [" 2001:DB8::7 "], "2001:db8::7"),
        (NGINX, ["fe80::1%eth0"], NGINX),  # zone ids are not addresses we store
    ],
)
def test_the_address_walk(peer: str, forwarded_for: list[str], client: str) -> None:
    assert walk(peer, *forwarded_for) == client


def test_trusted_proxies_must_be_addresses_or_networks() -> None:
    assert parse_networks(["127.0.0.1", " 10.0.0.0/8", "::1", "fd00::/8"]) == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
        ipaddress.ip_network("fd00::/8"),
    )
    with pytest.raises(ValueError, match="'nginx'"):
        parse_networks(["nginx"])


async def scope_seen(
    *, peer: tuple[str, int] | None, headers: list[tuple[bytes, bytes]], kind: str = "http"
) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(scope)

    scope = {
        "type": kind,
        "scheme": "http" if kind == "http" else "ws",
        "client": peer,
        "headers": [(b"host", b"tickets.example"), *headers],
    }
    await ProxyHeadersMiddleware(app, ["10.0.0.0/24"])(scope, None, None)
    return seen


FORGED = [
    (b"x-forwarded-for", b"1.2.3.4"),
    (b"x-forwarded-proto", b"https"),
    (b"x-real-ip", b"1.2.3.4"),
    (b"forwarded", b"for=1.2.3.4;proto=https"),
]


async def test_an_untrusted_peer_keeps_its_address_and_scheme_and_loses_the_headers() -> None:
    scope = await scope_seen(peer=("203.0.113.9", 5000), headers=FORGED)

    assert scope["client"] == ("203.0.113.9", 5000)
    assert scope["scheme"] == "http"
    assert scope["headers"] == [(b"host", b"tickets.example")]


async def test_a_trusted_proxy_gives_the_client_and_the_scheme() -> None:
    scope = await scope_seen(peer=(NGINX, 5000), headers=FORGED)

    assert scope["client"] == ("1.2.3.4", 0)
    assert scope["scheme"] == "https"
    assert scope["headers"] == [(b"host", b"tickets.example")]


async def test_a_trusted_proxy_makes_a_websocket_wss() -> None:
    scope = await scope_seen(peer=(NGINX, 5000), headers=FORGED, kind="websocket")

    assert scope["client"] == ("1.2.3.4", 0)
    assert scope["scheme"] == "wss"


@pytest.mark.parametrize("proto", [b"ftp", b"https, http", b""])
async def test_an_odd_forwarded_proto_changes_nothing(proto: bytes) -> None:
    scope = await scope_seen(peer=(NGINX, 5000), headers=[(b"x-forwarded-proto", proto)])

    assert scope["scheme"] == "http"
    assert scope["client"] == (NGINX, 5000)


async def test_no_peer_at_all_is_left_alone() -> None:  # a unix socket
    scope = await scope_seen(peer=None, headers=FORGED)

    assert scope["client"] is None
    assert scope["headers"] == [(b"host", b"tickets.example")]
