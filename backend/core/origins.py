"""Websocket handshakes only from this site's own pages (or an origin trusted for CSRF).

A browser sends the page's origin with every websocket handshake, and no cookie or token
rule stops a foreign page from opening a socket: this check does. The Origin must equal the
site's own origin, made of the connection's scheme (ws → http, wss → https, or what a trusted
proxy said, see core/proxies.py) and the Host header with its port, the host being one of
ALLOWED_HOSTS; or it must be listed in CSRF_TRUSTED_ORIGINS. Scheme and port count:
``https://127.0.0.1:8000`` is not ``http://127.0.0.1:8000``.

A handshake with no Origin at all is what non-browser clients send; it is refused, as
channels' AllowedHostsOriginValidator refused it, unless ALLOWED_HOSTS is ``*``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.http import is_same_domain

Origin = tuple[str, str, int]
DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_origin(value: str) -> Origin | None:
    """(scheme, host, port) of a serialized origin, or None if it is not one."""
    try:
        parts = urlsplit(value.strip().lower())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.username or parts.password or parts.path or parts.query or parts.fragment:
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def allowed_hosts() -> list[str]:
    hosts = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not hosts:  # Django's own fallback for request.get_host()
        hosts = [".localhost", "127.0.0.1", "[::1]"]
    return hosts


def own_origin(scope: dict[str, Any], host_header: str | None) -> Origin | None:
    """The origin of the pages this connection's host serves, if the host is ours."""
    if not host_header:
        return None
    domain, port = split_domain_port(host_header)
    if not domain or not validate_host(domain, allowed_hosts()):
        return None
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    try:
        number = int(port) if port else DEFAULT_PORTS[scheme]
    except ValueError:
        return None
    return scheme, domain.strip("[]"), number


def trusted_origin(origin: Origin) -> bool:
    """Listed in CSRF_TRUSTED_ORIGINS (``https://*.example.com`` covers subdomains)."""
    scheme, host, port = origin
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        wildcard = "://*." in trusted
        allowed = parse_origin(trusted.replace("://*.", "://", 1))
        if allowed is None or (allowed[0], allowed[2]) != (scheme, port):
            continue
        if is_same_domain(host, "." + allowed[1]) if wildcard else host == allowed[1]:
            return True
    return False


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if bytes(key).lower() == name:
            return bytes(value).decode("latin-1")
    return None


def origin_allowed(scope: dict[str, Any]) -> bool:
    value = _header(scope, b"origin")
    if value is None:
        return "*" in allowed_hosts()
    origin = parse_origin(value)
    if origin is None:
        return False
    return origin == own_origin(scope, _header(scope, b"host")) or trusted_origin(origin)


class SameOriginWebsockets:
    """ASGI middleware: a websocket handshake from another origin is refused (403)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket" and not origin_allowed(scope):
            # types-channels wants its scope TypedDict; this is the raw ASGI dict
            await WebsocketDenier()(scope, receive, send)  # type: ignore[arg-type]
            return
        await self.app(scope, receive, send)
