"""``/metrics`` (backend/core/metrics.py): who may read it, and what moves its series.

Each test scrapes the real view and parses the answer with prometheus_client's own parser,
so a series is checked as Prometheus would read it. The suite runs in one process: the
client's default registry (the multiprocess mode is tests/deploy/test_metrics_processes.py's).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from backend.checkin.services.scans import Station as ScanStation
from backend.checkin.services.scans import scan_commit
from backend.core import metrics as core_metrics
from backend.inventory.services.holds import (
    ItemRequest,
    SoldOut,
    hold_create,
    hold_release,
    holds_expire,
)
from backend.webhooks.models import WebhookDelivery
from consumers.outbox import Outbox
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.checkin import qr_of

TOKEN = "s3cret-metrics-token"


@pytest.fixture
def token(settings: Any) -> str:
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []
    return TOKEN


def scrape(client: Client | None = None, **extra: Any) -> dict[tuple[str, tuple], float]:
    """Every sample of ``/metrics``: {(name, sorted labels): value}."""
    answer = (client or Client()).get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **extra)
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(answer.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: dict[tuple[str, tuple], float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


# --- who may read it -------------------------------------------------------------------


class TestAccess:
    def test_unset_is_a_404_in_the_error_shape(self, settings: Any) -> None:
        settings.METRICS_TOKEN = ""
        settings.METRICS_ALLOWED_NETWORKS = []

        answer = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer anything")

        assert answer.status_code == 404
        assert answer.json()["ok"] is False
        assert answer.json()["error"]["code"] == "not_found"
        assert b"gatehouse_" not in answer.content

    def test_the_right_token_reads_them(self, token: str) -> None:
        answer = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")

        assert answer.status_code == 200
        assert b"# TYPE gatehouse_holds_total counter" in answer.content
        assert answer["Cache-Control"] == "no-store"

    @pytest.mark.parametrize(
        "header", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "]
    )
    def test_a_missing_or_wrong_token_is_a_401(self, token: str, header: str | None) -> None:
        extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}

        answer = Client().get("/metrics", **extra)

        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "not_authenticated"
        assert answer["WWW-Authenticate"].startswith("Bearer")
        assert b"gatehouse_" not in answer.content

    def test_only_get_reads_them(self, token: str) -> None:
        # As a real client sends it: no CSRF token (a scraper has none; nothing to protect).
        answer = Client(enforce_csrf_checks=True).post(
            "/metrics", HTTP_AUTHORIZATION=f"Bearer {token}"
        )

        assert answer.status_code == 405
        assert answer.json()["error"]["code"] == "method_not_allowed"

    def test_a_network_rule_alone(self, settings: Any) -> None:
        settings.METRICS_TOKEN = ""
        settings.METRICS_ALLOWED_NETWORKS = ["10.1.0.0/16", "2001:db8::/32"]

        inside = Client(REMOTE_ADDR="10.1.2.3").get("/metrics")
        inside_v6 = Client(REMOTE_ADDR="2001:db8::7").get("/metrics")
        outside = Client(REMOTE_ADDR="10.2.0.1").get("/metrics")

        assert inside.status_code == 200
        assert inside_v6.status_code == 200
        assert outside.status_code == 403
        assert outside.json()["error"]["code"] == "forbidden"

    def test_with_both_set_both_must_pass(self, settings: Any) -> None:
        settings.METRICS_TOKEN = TOKEN
        settings.METRICS_ALLOWED_NETWORKS = ["10.1.0.0/16"]
        bearer = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}

        assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics", **bearer).status_code == 200
        assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 401
        assert Client(REMOTE_ADDR="192.0.2.1").get("/metrics", **bearer).status_code == 403

    def test_the_client_address_is_the_one_a_trusted_proxy_names(self, settings: Any) -> None:
        """Behind nginx the rule applies to the client nginx saw (backend/core/proxies.py),
        never to a forwarding header from anyone else."""
        from backend.asgi import django_application
        from backend.core.proxies import ProxyHeadersMiddleware

        application = ProxyHeadersMiddleware(django_application, trusted=["127.0.0.1"])
        settings.METRICS_TOKEN = ""
        settings.METRICS_ALLOWED_NETWORKS = ["10.1.0.0/16"]

        async def get(peer: str, forwarded_for: str) -> int:
            import httpx

            transport = httpx.ASGITransport(app=application, client=(peer, 5000))
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                answer = await c.get("/metrics", headers={"X-Forwarded-For": forwarded_for})
                return answer.status_code

        from_nginx = asyncio.run(get("127.0.0.1", "10.1.9.9"))
        nginx_outsider = asyncio.run(get("127.0.0.1", "192.0.2.9"))
        forged = asyncio.run(get("192.0.2.9", "10.1.9.9"))

        assert (from_nginx, nginx_outsider, forged) == (200, 403, 403)


# --- what moves the series -------------------------------------------------------------


@pytest.mark.django_db
class TestSeries:
    def test_requests_per_route_pattern_method_and_status_class(self, token: str) -> None:
        before = scrape()

        Client().get("/api/health/")
        Client().get("/api/no-such-thing/here/")

        after = scrape()
        count = "gatehouse_http_request_duration_seconds_count"
        health = {"route": "/api/health/", "method": "GET"}
        grew = value(after, count, **health, status="2xx") + value(
            after, count, **health, status="5xx"
        )  # a probe of the health check may fail on a loaded machine: still counted
        assert (
            grew
            - value(before, count, **health, status="2xx")
            - value(before, count, **health, status="5xx")
            == 1
        )
        # No raw path: a request no pattern matched is labelled as such.
        assert not any("no-such-thing" in str(labels) for _name, labels in after)
        # /metrics itself is a route too.
        assert value(after, count, route="/metrics", method="GET", status="2xx") >= 1

    def test_a_hold_a_refusal_a_release_and_an_expiry(self, token: str) -> None:
        event = EventFactory(slug="metrics", max_quantity_per_hold=5)
        slot = SlotFactory(resource=ResourceFactory(event=event, units=2))
        first, second = UserFactory(), UserFactory()
        before = scrape()

        held = hold_create(user=first, event=event, items=[ItemRequest(slot.pk, 2)])
        with pytest.raises(SoldOut):
            hold_create(user=second, event=event, items=[ItemRequest(slot.pk, 1)])
        hold_release(hold=held)
        again = hold_create(user=second, event=event, items=[ItemRequest(slot.pk, 1)])
        holds_expire(now=again.expires_at + timedelta(seconds=1))

        after = scrape()
        moved = {
            outcome: value(after, "gatehouse_holds_total", outcome=outcome)
            - value(before, "gatehouse_holds_total", outcome=outcome)
            for outcome in ("taken", "refused", "released", "expired")
        }
        assert moved == {"taken": 2, "refused": 1, "released": 1, "expired": 1}
        assert (
            value(after, "gatehouse_hold_refusals_total", code="sold_out")
            - value(before, "gatehouse_hold_refusals_total", code="sold_out")
        ) == 1

    def test_a_scan_by_its_outcome(self, token: str, gate: Any, station: Any, tickets: Any) -> None:
        before = scrape()

        by = ScanStation(station.device)
        scan_commit(qr=qr_of(tickets[0]), gate=gate, station=by, request_id="r1")
        scan_commit(qr=qr_of(tickets[0]), gate=gate, station=by, request_id="r2")
        scan_commit(qr=qr_of(tickets[0]), gate=gate, station=by, request_id="r2")  # a retry

        after = scrape()

        def moved(outcome: str) -> float:
            return value(after, "gatehouse_scans_total", outcome=outcome) - value(
                before, "gatehouse_scans_total", outcome=outcome
            )

        assert (moved("admitted"), moved("already_used")) == (1, 1)

    def test_a_webhook_waiting_in_the_inbox(self, token: str) -> None:
        empty = scrape()
        WebhookDelivery.objects.create(
            provider="test", event_id="evt_1", event_type="x", payload={},
            received_at=timezone.now() - timedelta(seconds=90),
        )  # fmt: skip
        WebhookDelivery.objects.create(
            provider="test", event_id="evt_2", event_type="x", payload={},
            processed_at=timezone.now(), outcome="applied",
        )  # fmt: skip

        waiting = scrape()

        assert value(empty, "gatehouse_webhook_inbox_depth") == 0
        assert value(empty, "gatehouse_webhook_inbox_oldest_age_seconds") == 0
        assert value(waiting, "gatehouse_webhook_inbox_depth") == 1
        assert 90 <= value(waiting, "gatehouse_webhook_inbox_oldest_age_seconds") < 120

    @pytest.mark.postgres
    def test_the_rush_pool_connections_asked(self, token: str) -> None:
        from django.db import connection

        from backend.core import async_db

        if connection.vendor != "postgresql":
            pytest.skip("the rush pool is PostgreSQL's")
        before = scrape()

        async def one_statement() -> None:
            assert await async_db.fetch_value("SELECT 1", []) == 1
            core_metrics.harvest_pool_stats(force=True)  # before the pool goes with the loop
            await async_db.close_pool()

        asyncio.run(one_statement())

        after = scrape()
        asked = value(after, "gatehouse_db_pool_requests_total", pool="rush") - value(
            before, "gatehouse_db_pool_requests_total", pool="rush"
        )
        assert asked == 1


@pytest.mark.django_db
def test_latency_counts_the_wait_at_the_concurrency_gate(token: str) -> None:
    import httpx

    from backend.asgi import django_application
    from backend.core.concurrency import HttpConcurrencyLimit

    gate = HttpConcurrencyLimit(django_application, 1)
    total = "gatehouse_http_request_duration_seconds_sum"
    csrf = {"route": "/api/auth/csrf/", "method": "GET", "status": "2xx"}

    async def behind_a_busy_gate() -> int:
        gate._semaphore = asyncio.Semaphore(1)
        await gate._semaphore.acquire()  # another request holds the one place

        async def let_in_later() -> None:
            await asyncio.sleep(0.4)
            gate._semaphore.release()  # type: ignore[union-attr]

        transport = httpx.ASGITransport(app=gate)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            later = asyncio.create_task(let_in_later())
            answer = await c.get("/api/auth/csrf/")
            await later
        return answer.status_code

    before = value(scrape(), total, **csrf)
    status = asyncio.run(behind_a_busy_gate())
    waited = value(scrape(), total, **csrf) - before

    assert status == 200
    assert 0.4 <= waited < 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_hold_by_the_rush_route_is_counted_as_django_counts_one(token: str) -> None:
    """The same route label and hold outcome whichever answers POST /api/holds/."""
    import httpx
    from django.db import connection

    from backend.asgi import django_application
    from backend.core import async_db, rush
    from backend.core.rush import RushRoutes
    from backend.inventory.rush import hold_create_route
    from tests.accounts.helpers import sign_in

    if connection.vendor != "postgresql":
        pytest.skip("the rush route is PostgreSQL's")
    event = EventFactory(slug="rushed", max_quantity_per_hold=4, max_live_holds_per_user=2)
    slot = SlotFactory(resource=ResourceFactory(event=event, units=5))
    bearer = {"Authorization": f"Bearer {sign_in(UserFactory()).access}"}
    body = {"event": "rushed", "items": [{"slot": slot.pk, "quantity": 1}]}
    routed = RushRoutes(django_application, {("POST", "/api/holds/"): hold_create_route})

    def read() -> tuple[float, float]:
        samples = scrape()
        return (
            value(samples, "gatehouse_holds_total", outcome="taken"),
            value(
                samples, "gatehouse_http_request_duration_seconds_count",
                route="/api/holds/", method="POST", status="2xx",
            ),
        )  # fmt: skip

    async def post_both() -> list[int]:
        statuses = []
        for app in (routed, django_application):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                statuses.append(
                    (await c.post("/api/holds/", json=body, headers=bearer)).status_code
                )
        await async_db.close_pool()
        return statuses

    before, answered = read(), rush.counts["answered"]
    statuses = asyncio.run(post_both())
    after = read()

    assert statuses == [201, 201]
    assert rush.counts["answered"] == answered + 1  # the first was the rush route's
    assert (after[0] - before[0], after[1] - before[1]) == (2, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_django_pool_connections_asked(token: str) -> None:
    import threading

    from django.db import connection

    if connection.vendor != "postgresql" or not connection.settings_dict["OPTIONS"].get("pool"):
        pytest.skip("Django's pool is PostgreSQL's, with DATABASE_POOL_SIZE")
    before = scrape()

    def elsewhere() -> None:  # a thread of its own: a connection from the pool, given back
        from django.db import connection as its_own

        with its_own.cursor() as cursor:
            cursor.execute("SELECT 1")
        its_own.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join(30)

    after = scrape()
    asked = value(after, "gatehouse_db_pool_requests_total", pool="django") - value(
        before, "gatehouse_db_pool_requests_total", pool="django"
    )
    assert asked >= 1


@pytest.mark.redis
def test_the_celery_queues_at_scrape_time(token: str, settings: Any) -> None:
    import os

    import redis

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs Redis (REDIS_URL)")
    settings.CELERY_BROKER_URL = url
    client = redis.Redis.from_url(url)
    keys = ["celery", "email", "email\x06\x163"]
    client.delete(*keys)
    try:
        client.rpush("celery", "a", "b")
        client.rpush("email\x06\x163", "c")  # kombu's list of the queue's priority 3

        samples = scrape()
    finally:
        client.delete(*keys)

    assert value(samples, "gatehouse_celery_queue_length", queue="celery") == 2
    assert value(samples, "gatehouse_celery_queue_length", queue="email") == 1


@pytest.mark.django_db(transaction=True)
def test_a_websocket_open_and_close_and_its_subscription(token: str, connect: Any) -> None:
    def gauges() -> tuple[float, float]:
        samples = scrape()
        return (
            value(samples, "gatehouse_websockets_open", consumer="gateway"),
            value(samples, "gatehouse_websocket_subscriptions", kind="availability"),
        )

    event = EventFactory(slug="watched", status="on_sale")
    closed = gauges()

    async def open_then_close() -> tuple[float, float]:
        from asgiref.sync import sync_to_async

        client = await connect()
        answer = await client.ask(
            {"type": "subscribe", "topic": f"event:{event.slug}:availability"}
        )
        assert answer["type"] == "subscribed", answer
        opened = await sync_to_async(gauges)()
        await client.ws.disconnect()
        return opened

    opened = asyncio.run(open_then_close())

    assert opened == (closed[0] + 1, closed[1] + 1)
    assert gauges() == closed


def test_an_outbox_overflow_drops_its_frames_and_closes_with_4008() -> None:
    from backend.realtime import metrics as rt

    def read() -> tuple[float, float, float]:
        return (
            rt.FRAMES_SENT._value.get(),
            rt.FRAMES_DROPPED._value.get(),
            rt.SLOW_CLIENT_CLOSES._value.get(),
        )

    async def slow_client() -> list[int]:
        written = asyncio.Event()
        stuck = asyncio.Event()
        closes: list[int] = []

        async def send_text(text: str) -> None:
            if written.is_set():
                await stuck.wait()  # the client stopped reading
            written.set()

        async def close(code: int) -> None:
            closes.append(code)

        outbox = Outbox(send_text, close, size=3)
        outbox.start()
        await outbox.put("first")  # written
        await written.wait()
        await asyncio.sleep(0)
        for n in range(6):  # frames 0-2 fill the queue, frame 3 overflows it
            outbox.offer(f"frame {n}")
        await asyncio.sleep(0.01)
        outbox.offer("after the close")
        await outbox.stop()
        return closes

    before = read()
    closes = asyncio.run(slow_client())
    sent, dropped, closed = (after - was for after, was in zip(read(), before, strict=True))

    assert closes == [4008]
    assert (sent, closed) == (1, 1)
    # Never written: frame 0 (stuck in the writer), 1 and 2 (queued), 3 (did not fit), then
    # 4, 5 and the last, offered after the overflow.
    assert dropped == 7


def test_what_dead_processes_leave_in_the_directory(tmp_path: Any, monkeypatch: Any) -> None:
    import os
    import subprocess
    import sys

    from backend.core.processes import forget_metrics_of_dead_processes

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone, alive = int(dead.stdout), os.getpid()
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    names = [f"{kind}_{pid}.db" for kind in ("gauge_livesum", "counter") for pid in (gone, alive)]
    for name in names:
        (tmp_path / name).write_bytes(b"")

    forget_metrics_of_dead_processes()
    kept = sorted(path.name for path in tmp_path.iterdir())
    forget_metrics_of_dead_processes(counters_too=True)
    kept_at_a_fresh_start = sorted(path.name for path in tmp_path.iterdir())

    assert kept == sorted(set(names) - {f"gauge_livesum_{gone}.db"})
    assert kept_at_a_fresh_start == sorted([f"gauge_livesum_{alive}.db", f"counter_{alive}.db"])
