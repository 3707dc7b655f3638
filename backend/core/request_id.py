"""The request id: one per HTTP request and per websocket connection, in every log line the
request causes, in its answer's ``X-Request-ID`` header, in its Sentry events, and in the
Celery tasks it enqueues (so a worker's lines carry the same id).

nginx makes one for every request (``$request_id``: 32 hex digits) and sends it in
``X-Request-ID``; without nginx (``make run``, a test) one is made here. An id that came
with the request is kept only if it looks like one (:data:`PATTERN`: 8 to 64 letters, digits
and dashes), so a client cannot write what it likes into the logs; anything else is replaced
by a fresh id.

The id lives in a context variable (:data:`current`): set by :class:`RequestIdMiddleware`
(ASGI, the outermost layer: Django, the rush routes and the websocket consumers all run
inside it), by :func:`request_id_middleware` (the first of Django's middleware, for requests
that come without the ASGI layer: the test client), and in a worker by the ``task_prerun``
signal from the message's ``request_id`` header, which ``before_task_publish`` wrote.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import sync_and_async_middleware

HEADER = "X-Request-ID"
_HEADER_BYTES = HEADER.lower().encode()
PATTERN = re.compile(r"[A-Za-z0-9-]{8,64}")
# The Celery message header a request's tasks carry it in.
TASK_HEADER = "request_id"

current: ContextVar[str | None] = ContextVar("request_id", default=None)


def make() -> str:
    return uuid.uuid4().hex


def accept(value: str | bytes | None) -> str:
    """``value`` when it looks like a request id, else a fresh one."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if value and PATTERN.fullmatch(value):
        return value
    return make()


def get() -> str | None:
    return current.get()


class RequestIdMiddleware:
    """ASGI, for http and websocket scopes: the id in ``scope["request_id"]`` and in
    :data:`current` while the application runs, and in the answer's headers (the HTTP
    response, the websocket handshake's acceptance)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = [v for n, v in scope.get("headers") or () if bytes(n).lower() == _HEADER_BYTES]
        request_id = accept(given[0] if len(given) == 1 else None)
        start = "http.response.start" if scope["type"] == "http" else "websocket.accept"

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == start:
                headers = list(message.get("headers") or ())
                if not any(bytes(n).lower() == _HEADER_BYTES for n, _ in headers):
                    headers.append((_HEADER_BYTES, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        token = current.set(request_id)
        try:
            await self.app({**scope, "request_id": request_id}, receive, send_with_id)
        finally:
            current.reset(token)


@sync_and_async_middleware
def request_id_middleware(get_response: Callable[[HttpRequest], Any]) -> Any:
    """Django's first middleware: ``request.request_id`` and the answer's header. Under the
    ASGI layer above it takes the id that layer chose (and set). Without it (Django's test
    client) it sets :data:`current` itself, for the whole request: Django logs a 4xx or 5xx
    after the middleware chain has returned, so the id stays until ``request_finished``."""

    def begin(request: HttpRequest) -> str:
        scope = getattr(request, "scope", None)
        request_id = scope.get("request_id") if scope else None
        if not request_id:
            request_id = accept(request.headers.get(HEADER))
            current.set(request_id)
        request.request_id = request_id  # type: ignore[attr-defined]
        return request_id

    if iscoroutinefunction(get_response):

        async def middleware_async(request: HttpRequest) -> HttpResponseBase:
            request_id = begin(request)
            response: HttpResponseBase = await get_response(request)
            response[HEADER] = request_id
            return response

        return middleware_async

    def middleware(request: HttpRequest) -> HttpResponseBase:
        request_id = begin(request)
        response: HttpResponseBase = get_response(request)
        response[HEADER] = request_id
        return response

    return middleware


@receiver(request_finished)
def _forget_request(**kwargs: Any) -> None:
    """The request is over: its thread's later lines are not its (the ASGI layer resets the
    id itself; this is for requests without it)."""
    current.set(None)


# --- Celery: the id travels in the task message's headers ---------------------------------


def add_to_task_headers(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """``before_task_publish``: the publishing request's id goes with the task."""
    request_id = current.get()
    if request_id and headers is not None and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


_task_tokens: dict[str, Any] = {}


def take_from_task(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    """``task_prerun``: the worker's log lines for this task carry its request's id. A task
    whose message has none (beat's) keeps the id around it: none in a worker, the request's
    own when the task runs in process (eager mode)."""
    request = getattr(task, "request", None)
    value = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(
        TASK_HEADER
    )
    request_id = value if isinstance(value, str) and PATTERN.fullmatch(value) else None
    if task_id:
        _task_tokens[task_id] = current.set(request_id or current.get())


def forget_task(task_id: str | None = None, **kwargs: Any) -> None:
    """``task_postrun``: back to no id once the task is done."""
    token = _task_tokens.pop(task_id, None) if task_id else None
    if token is not None:
        try:
            current.reset(token)
        except ValueError:  # set in another context (a thread pool's): just clear it
            current.set(None)


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(add_to_task_headers, weak=False)
    task_prerun.connect(take_from_task, weak=False)
    task_postrun.connect(forget_task, weak=False)
