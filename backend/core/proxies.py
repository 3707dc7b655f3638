"""The client's real address and scheme, believed from proxy headers only when a trusted
proxy sent them (``TRUSTED_PROXIES``).

nginx replaces X-Forwarded-For with the address it saw; a chain of proxies each append the
address they saw. So the walk goes from the right, skipping trusted hops, and the nearest
address that is not trusted is the client. A malformed entry stops the walk (whatever lies
left of it may have been written by anyone): the client is then the nearest hop we could
trust. X-Forwarded-Proto counts only from a trusted peer too. From any other peer these
headers mean nothing: the connection's own peer is the client.

The forwarding headers never reach the application: it reads ``scope["client"]`` (Django's
REMOTE_ADDR) and ``scope["scheme"]`` (``request.is_secure()``), which are set here.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from typing import Any

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Headers that only a proxy should write; the application never sees them.
FORWARDING_HEADERS = frozenset(
    {
        b"x-forwarded-for",
        b"x-forwarded-proto",
        b"x-forwarded-host",
        b"x-forwarded-port",
        b"x-real-ip",
        b"forwarded",
    }
)
SCHEMES = {"http": {"http": "http", "https": "https"}, "websocket": {"http": "ws", "https": "wss"}}


def parse_address(value: str) -> Address | None:
    """An IP address, or None for anything else (names, ports, zone ids, garbage)."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return None
        if address.ipv4_mapped:  # a dual-stack socket's view of an IPv4 peer
            return address.ipv4_mapped
    return address


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """IPs and CIDRs; raises ValueError naming a value that is neither."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{value!r} is not an IP address or network") from None
    return tuple(networks)


def is_trusted(address: Address, trusted: Sequence[Network]) -> bool:
    return any(address in network for network in trusted)


def client_address(
    peer: Address, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> Address:
    """The client behind ``peer``, given the X-Forwarded-For values it sent."""
    client = peer
    if not is_trusted(peer, trusted):
        return client
    hops = [hop for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            break
        client = address
        if not is_trusted(address, trusted):
            break
    return client


def forwarded_scheme(values: Sequence[str]) -> str | None:
    """``http`` or ``https`` when the proxy said exactly that, else None."""
    if len(values) != 1:
        return None
    value = values[0].strip().lower()
    return value if value in ("http", "https") else None


class ProxyHeadersMiddleware:
    """ASGI middleware for http and websocket scopes: the real client and scheme."""

    def __init__(self, app: Any, trusted: Iterable[str]) -> None:
        self.app = app
        self.trusted = parse_networks(trusted)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in SCHEMES:
            scope = self.resolve(scope)
        await self.app(scope, receive, send)

    def resolve(self, scope: dict[str, Any]) -> dict[str, Any]:
        headers = list(scope.get("headers") or [])
        resolved = {
            **scope,
            "headers": [(n, v) for n, v in headers if bytes(n).lower() not in FORWARDING_HEADERS],
        }
        client: Any = scope.get("client")  # [host, port], or None
        peer = parse_address(str(client[0])) if client else None
        if peer is None or not is_trusted(peer, self.trusted):
            return resolved

        def values(name: bytes) -> list[str]:
            return [bytes(v).decode("latin-1") for n, v in headers if bytes(n).lower() == name]

        address = client_address(peer, values(b"x-forwarded-for"), self.trusted)
        resolved["client"] = (str(address), client[1] if address == peer else 0)
        scheme = forwarded_scheme(values(b"x-forwarded-proto"))
        if scheme is not None:
            resolved["scheme"] = SCHEMES[scope["type"]][scheme]
        return resolved
