"""Rush routes: the few requests an on-sale sends by the thousand, answered beside Django.

Django's request stack (middleware, DRF's request, authentication with a user query,
serializers, a thread per sync view) costs several times what a hold itself costs. A rush
route is a plain async function that answers one method and path on its own, with the same
services' SQL, the same errors and the same JSON as the full path, and hands the request to
Django, unchanged, whenever it is not sure it would answer exactly as Django does: a header
it does not handle, input Django would refuse, an outcome whose message is Django's. So the
full path stays the one definition of the contract, and the rush route only ever takes the
common, well-formed case off its hands.

:class:`RushRoutes` is the ASGI wrapper (backend/asgi.py puts it in front of Django on
PostgreSQL); :class:`RushRequest` is what a route sees; a route returns a
:class:`RushAnswer`, or ``None`` to hand over. docs/performance.md tells the whole story.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)
from rest_framework.renderers import JSONRenderer

from backend.core import metrics
from backend.core.errors import ApplicationError, ServiceUnavailable

logger = logging.getLogger(__name__)

# Requests this process's routes answered, and handed over to Django (metrics, tests).
counts: Counter[str] = Counter()
MAX_BODY = 64 * 1024  # a larger body is not a rush request: Django answers it
_renderer = JSONRenderer()


@dataclass(frozen=True, slots=True)
class RushRequest:
    method: str
    path: str
    scheme: str
    headers: Mapping[str, str]  # lower-case names; a repeated header is handed over
    body: bytes

    def json(self) -> Any:
        """The body as JSON, or None when it is not a JSON object (Django answers that)."""
        if not self.headers.get("content-type", "").startswith("application/json"):
            return None
        try:
            data = json.loads(self.body)
        except (ValueError, RecursionError):  # Django says what is wrong with it
            return None
        return data if isinstance(data, dict) else None

    def bearer(self) -> str | None:
        kind, _, token = self.headers.get("authorization", "").partition(" ")
        return token if kind == "Bearer" and token and " " not in token else None


@dataclass(slots=True)
class RushAnswer:
    status: int
    data: Any
    language: str
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)

    @classmethod
    def error(cls, exc: ApplicationError, language: str) -> RushAnswer:
        answer = cls(exc.status, exc.body(), language)
        if "retry_after" in exc.extra:  # as errors.error_response says it
            answer.headers.append((b"retry-after", str(exc.extra["retry_after"]).encode()))
        return answer


Route = Callable[[RushRequest], Awaitable[RushAnswer | None]]


def request_language(headers: Mapping[str, str]) -> str | None:
    """The language LocaleMiddleware would pick from Accept-Language; None when it might
    pick otherwise (a language cookie), so the request goes to Django."""
    if settings.LANGUAGE_COOKIE_NAME in headers.get("cookie", ""):
        return None
    for code, _quality in parse_accept_lang_header(headers.get("accept-language", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def _security_headers(scheme: str) -> list[tuple[bytes, bytes]]:
    """What SecurityMiddleware and XFrameOptionsMiddleware add to an API answer."""
    headers = [(b"x-frame-options", settings.X_FRAME_OPTIONS.encode())]
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append((b"x-content-type-options", b"nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        value = policy if isinstance(policy, str) else ",".join(policy)
        headers.append((b"referrer-policy", value.encode()))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(
            (b"cross-origin-opener-policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY.encode())
        )
    if scheme == "https" and settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers.append((b"strict-transport-security", hsts.encode()))
    return headers


def _django_would_redirect_or_refuse(scope: Mapping[str, Any], host: str) -> bool:
    if settings.SECURE_SSL_REDIRECT and scope.get("scheme") != "https":
        return True
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return not domain or not validate_host(domain, allowed)


class RushRoutes:
    """ASGI: ``routes`` answer their (method, path); everything else, and whatever a route
    hands back, goes to ``app`` (Django) with the body it sent."""

    def __init__(self, app: Any, routes: Mapping[tuple[str, str], Route]) -> None:
        self.app = app
        self.routes = dict(routes)
        self._labels: dict[str, str] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        route = None
        if scope["type"] == "http":
            route = self.routes.get((scope["method"], scope["path"]))
        if route is None:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope["headers"]:
            name = raw_name.decode("latin-1").lower()
            if name in headers:  # repeated: let Django decide what it means
                headers = {}
                break
            headers[name] = raw_value.decode("latin-1")
        body, complete = await _read_body(receive)
        answer = None
        if (
            headers
            and complete
            and not scope.get("query_string")
            and not _django_would_redirect_or_refuse(scope, headers.get("host", ""))
        ):
            request = RushRequest(
                scope["method"], scope["path"], scope.get("scheme", "http"), headers, body
            )
            answer = await _answer(route, request)
        if answer is None:
            counts["handed_over"] += 1
            await self.app(scope, _replay(body, complete, receive), send)
            return
        counts["answered"] += 1
        await _send(send, answer, scope.get("scheme", "http"))
        metrics.observe_request(
            self._route_label(scope["path"]), scope["method"], answer.status,
            time.perf_counter() - started,
        )  # fmt: skip

    def _route_label(self, path: str) -> str:
        """The route label Django's own answer would have (backend/core/metrics.py)."""
        label = self._labels.get(path)
        if label is None:
            try:
                label = "/" + (resolve(path).route or "")
            except Resolver404:
                label = metrics.UNRESOLVED
            self._labels[path] = label
        return label


async def _answer(route: Route, request: RushRequest) -> RushAnswer | None:
    try:
        return await route(request)
    except ApplicationError as exc:  # e.g. no database connection in time: 503
        language = request_language(request.headers) or settings.LANGUAGE_CODE
        return RushAnswer.error(exc, language)
    except Exception:
        logger.exception("Rush route %s %s failed", request.method, request.path)
        return RushAnswer.error(ServiceUnavailable(), settings.LANGUAGE_CODE)


async def _read_body(receive: Any) -> tuple[bytes, bool]:
    """The request's body, up to MAX_BODY; ``complete`` is False past it (or if the client
    went away), and the part read is replayed to Django, which reads the rest."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body"):
            return b"".join(chunks), True
        if size > MAX_BODY:
            return b"".join(chunks), False


def _replay(body: bytes, complete: bool, receive: Any) -> Any:
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replay


async def _send(send: Any, answer: RushAnswer, scheme: str) -> None:
    with translation.override(answer.language):
        body = _renderer.render(answer.data)
    headers = [
        (b"content-type", b"application/json"),
        (b"vary", b"Accept, Accept-Language"),
        (b"content-length", str(len(body)).encode()),
        (b"content-language", answer.language.encode()),
        *_security_headers(scheme),
        *answer.headers,
    ]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
