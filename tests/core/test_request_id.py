"""The request id: echoed when it looks like one, made when missing or malformed, the same in
the answer, in the code that runs for the request (Django, the rush routes, a websocket
consumer) and in the tasks it enqueues."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from celery import shared_task
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.testing import WebsocketCommunicator
from django.test import Client

from backend.core import request_id
from backend.core.request_id import RequestIdMiddleware
from backend.core.rush import RushAnswer, RushRequest, RushRoutes
from backend.core.tasks import enqueue
from tests.support.live import embedded_env, live_server
from tests.support.nginx import nginx_in_front, readable_dir

HEX32 = r"[0-9a-f]{32}"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("given", ["abcdef12", "f" * 64, "0d4f6c1e-7a4b-4e0e-9b7c-2d1c0e5f9a11"])
def test_an_id_that_looks_like_one_is_echoed(given: str) -> None:
    answer = Client().get("/api/health/", HTTP_X_REQUEST_ID=given)
    assert answer["X-Request-ID"] == given


@pytest.mark.parametrize(
    "given",
    [
        None,
        "",
        "short",  # under 8
        "f" * 65,  # over 64
        "has space in it",
        "id\nInjected: log line",
        "<script>alert(1)</script>",
        "ünïcödé-ünïcödé",
    ],
)
def test_a_missing_or_malformed_id_is_replaced(given: str | None) -> None:
    headers = {} if given is None else {"HTTP_X_REQUEST_ID": given}
    answer = Client().get("/api/no-such-thing/", **headers)
    assert answer.status_code == 404
    assert answer["X-Request-ID"] != given
    assert request_id.PATTERN.fullmatch(answer["X-Request-ID"])
    assert len(answer["X-Request-ID"]) == 32


def test_every_request_gets_its_own() -> None:
    client = Client()
    ids = {client.get("/api/health/")["X-Request-ID"] for _ in range(5)}
    assert len(ids) == 5


def test_the_middleware_is_django_s_first() -> None:
    from django.conf import settings

    assert settings.MIDDLEWARE[0] == "backend.core.request_id.request_id_middleware"


def test_the_asgi_application_is_wrapped() -> None:
    from backend.asgi import application

    assert isinstance(application, RequestIdMiddleware)


# --- the ASGI layer ----------------------------------------------------------------------


async def call_http(app: Any, headers: list[tuple[bytes, bytes]]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b'{"a": 1}', "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/rush/",
        "scheme": "http",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), *headers],
    }
    await RequestIdMiddleware(app)(scope, receive, send)
    return sent


def header(message: dict[str, Any]) -> list[bytes]:
    return [v for n, v in message["headers"] if n.lower() == b"x-request-id"]


async def test_a_rush_route_answers_with_the_id_and_runs_inside_it() -> None:
    seen: list[str | None] = []

    async def route(request: RushRequest) -> RushAnswer:
        seen.append(request_id.get())
        return RushAnswer(201, {"ok": True}, "en")

    async def django(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the route answers")

    app = RushRoutes(django, {("POST", "/rush/"): route})
    sent = await call_http(app, [(b"x-request-id", b"rush-request-42")])

    assert sent[0]["status"] == 201
    assert header(sent[0]) == [b"rush-request-42"]
    assert seen == ["rush-request-42"]
    assert request_id.get() is None  # let go after the request


async def test_an_answer_that_has_the_header_gets_no_second_one() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"X-Request-ID", scope["request_id"].encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    sent = await call_http(app, [(b"x-request-id", b"bad id")])
    (given,) = header(sent[0])
    assert given != b"bad id"
    assert request_id.PATTERN.fullmatch(given.decode())


async def test_two_ids_in_one_request_are_one_too_many() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 204, "headers": []})

    sent = await call_http(app, [(b"x-request-id", b"first-id-123"), (b"x-request-id", b"x-2")])
    assert header(sent[0]) not in ([b"first-id-123"], [b"x-2"])


class RecordingConsumer(AsyncWebsocketConsumer):
    seen: list[str | None] = []

    async def connect(self) -> None:
        self.seen.append(request_id.get())
        await self.accept()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.send(text_data=str(request_id.get()))


async def test_a_websocket_connection_keeps_one_id_from_connect_to_its_last_frame() -> None:
    accepted: list[dict[str, Any]] = []
    consumer = RecordingConsumer.as_asgi()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        async def spy(message: dict[str, Any]) -> None:
            if message["type"] == "websocket.accept":
                accepted.append(message)
            await send(message)

        await consumer(scope, receive, spy)

    wrapped = RequestIdMiddleware(app)

    async def outer(scope: Any, receive: Any, send: Any) -> None:
        async def record(message: dict[str, Any]) -> None:
            if message["type"] == "websocket.accept":
                accepted.append(message)
            await send(message)

        await wrapped(scope, receive, record)

    communicator = WebsocketCommunicator(outer, "/ws/", [(b"x-request-id", b"socket-id-0001")])
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_to(text_data="which id?")
    assert await communicator.receive_from() == "socket-id-0001"
    await communicator.disconnect()

    assert RecordingConsumer.seen[-1] == "socket-id-0001"
    # the handshake's acceptance carries it (the consumer's own message had none)
    assert header(accepted[-1]) == [b"socket-id-0001"]


# --- Celery ------------------------------------------------------------------------------

SEEN_BY_TASKS: list[str | None] = []


@shared_task(name="tests.record_request_id")
def record_request_id() -> None:
    SEEN_BY_TASKS.append(request_id.get())


def test_a_published_task_carries_the_id_in_its_headers() -> None:
    headers: dict[str, Any] = {}
    request_id.add_to_task_headers(headers=headers)
    assert headers == {}  # outside a request: nothing

    token = request_id.current.set("publishing-id-01")
    try:
        request_id.add_to_task_headers(headers=headers)
    finally:
        request_id.current.reset(token)
    assert headers == {"request_id": "publishing-id-01"}


def test_a_worker_takes_the_id_from_the_message_and_lets_it_go() -> None:
    class Request:
        request_id = "from-the-message-1"

    class Task:
        request = Request()

    request_id.take_from_task(task_id="t1", task=Task())
    assert request_id.get() == "from-the-message-1"
    request_id.forget_task(task_id="t1")
    assert request_id.get() is None

    Request.request_id = "not an id!"  # a message is input too
    request_id.take_from_task(task_id="t2", task=Task())
    assert request_id.get() is None
    request_id.forget_task(task_id="t2")


def test_a_task_run_in_process_sees_the_request_s_id(
    django_capture_on_commit_callbacks: Any,
) -> None:
    SEEN_BY_TASKS.clear()
    token = request_id.current.set("eager-request-01")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            enqueue("tests.record_request_id")
    finally:
        request_id.current.reset(token)
    assert SEEN_BY_TASKS == ["eager-request-01"]


# --- behind the real nginx ---------------------------------------------------------------


@pytest.mark.slow
def test_behind_nginx_the_id_is_nginx_s_and_reaches_the_server_s_log(tmp_path: Path) -> None:
    """nginx replaces whatever the client sent with its own $request_id; the server answers
    with it and logs with it, and nginx's access log line ends with it."""
    web = readable_dir("gatehouse-web-")
    (web / "index.html").write_text("<!doctype html><title>Gatehouse app</title>")
    env = {**embedded_env(tmp_path), "TRUSTED_PROXIES": "127.0.0.1", "LOG_FORMAT": "json"}
    with (
        live_server(env, tmp_path) as server,
        nginx_in_front(server.port, web_root=web, access_log=tmp_path / "access") as url,
    ):
        answers = [
            httpx.get(f"{url}/api/no-such-thing/", headers={"X-Request-ID": "client-chosen-id"}),
            httpx.get(f"{url}/api/no-such-thing/"),
        ]
        time.sleep(0.3)  # the log line is written as the answer goes
        log = server.log()

    ids = [answer.headers.get("X-Request-ID") for answer in answers]
    assert all(re.fullmatch(HEX32, i or "") for i in ids), (answers, log[-2000:])  # nginx's
    assert ids[0] != ids[1]
    assert "\nNot Found:" not in log  # Django's own console line is not written as well
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    not_found = [line["request_id"] for line in lines if line["logger"] == "django.request"]
    assert not_found == ids
    access = (tmp_path / "access").read_text().splitlines()
    assert [line.rsplit(" ", 1)[1] for line in access if "/api/no-such-thing/" in line] == ids
