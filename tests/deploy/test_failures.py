"""Failures on purpose, on the real processes: a PostgreSQL restart and a slow PostgreSQL under
holds, a Redis restart under watchers, holds, rate limits and revocations, and a Celery worker
killed in the middle of a webhook. docs/operations.md ("Runbook") says what an operator sees.

PostgreSQL and Redis are taken down only when they are this test's own
(tests/support/private_services.py): the machine's servers serve everybody else. Each test
ends by checking the inventory invariant against the rows: for every slot
``sold + live holds <= capacity``, and the counters are what the holds say.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import websockets
from django.conf import settings

from tests.accounts.helpers import sign_in
from tests.conftest import database_url_of_tests
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.bookings import client_of
from tests.support.live import ROOT, LiveServer, live_server
from tests.support.private_services import PrivatePostgres, private_postgres, private_redis

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

# The rush route answers POST /api/holds/ itself; a query string sends the same request to
# Django (backend/core/rush.py hands over whatever it does not answer exactly as Django).
RUSH, DJANGO = "/api/holds/", "/api/holds/?via=django"


def server_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url_of_tests(),
        "GATEHOUSE_VAR_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # tokens made here verify there
        "DATABASE_POOL_TIMEOUT": "2",
        **extra,
    }


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def items(*slots: int) -> list[dict[str, int]]:
    return [{"slot": slot, "quantity": 1} for slot in slots]


def assert_unavailable(answer: httpx.Response) -> None:
    """The one error shape, as a 503 to retry: never a 500, never an HTML page."""
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"].startswith("application/json"), answer.text
    body = answer.json()
    assert body["ok"] is False
    assert body["error"]["code"] == "service_unavailable"
    assert int(answer.headers["retry-after"]) >= 1
    assert body["retry_after"] >= 1


def slot_rows(url: str, slot_ids: list[int]) -> dict[int, dict[str, int]]:
    """Each slot's capacity and counters, and what its hold rows add up to."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            """
            SELECT s.id, s.capacity, s.sold, s.held,
                   COALESCE(SUM(i.quantity) FILTER (WHERE h.status = 'active'), 0),
                   COALESCE(SUM(i.quantity) FILTER (WHERE h.status = 'converted'), 0)
            FROM inventory_slot s
            LEFT JOIN inventory_holditem i ON i.slot_id = s.id
            LEFT JOIN inventory_hold h ON h.id = i.hold_id
            WHERE s.id = ANY(%s)
            GROUP BY s.id
            """,
            [slot_ids],
        ).fetchall()
    return {
        row[0]: {
            "capacity": row[1], "sold": row[2], "held": row[3],
            "active_rows": row[4], "converted_rows": row[5],
        }
        for row in rows
    }  # fmt: skip


def assert_invariant(url: str, slot_ids: list[int]) -> dict[int, dict[str, int]]:
    slots = slot_rows(url, slot_ids)
    assert sorted(slots) == sorted(slot_ids)
    for slot_id, row in slots.items():
        assert row["held"] == row["active_rows"], (slot_id, row)
        assert row["sold"] == row["converted_rows"], (slot_id, row)
        assert row["sold"] + row["held"] <= row["capacity"], (slot_id, row)
    return slots


def hold_sizes(url: str, event_id: int) -> dict[str, tuple[str, int]]:
    """Every hold of the event: its status and how many item rows it has."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            """
            SELECT h.id::text, h.status, COUNT(i.id)
            FROM inventory_hold h LEFT JOIN inventory_holditem i ON i.hold_id = h.id
            WHERE h.event_id = %s GROUP BY h.id
            """,
            [event_id],
        ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


# --- PostgreSQL restarted under load -------------------------------------------------------


@dataclass
class Outcome:
    path: str
    started: float
    ended: float
    status: int
    answer: httpx.Response | None = None


@dataclass
class Load:
    """Guests taking two-slot holds as fast as they are answered, half of them through the
    rush route and half through Django."""

    server: LiveServer
    slug: str
    slots: tuple[int, int]
    tokens: list[str]
    outcomes: list[Outcome] = field(default_factory=list)
    created: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def guest(self, n: int, token: str) -> None:
        path = RUSH if n % 2 == 0 else DJANGO
        body = {"event": self.slug, "items": items(*self.slots)}
        async with httpx.AsyncClient(base_url=self.server.url, timeout=20) as client:
            while not self.stop.is_set():
                started = time.monotonic()
                try:
                    answer = await client.post(path, json=body, headers=auth(token))
                except httpx.TransportError as error:  # the server itself must stay up
                    self.errors.append(f"{path}: {error!r}")
                    return
                self.outcomes.append(
                    Outcome(path, started, time.monotonic(), answer.status_code, answer)
                )
                if answer.status_code == 201:
                    self.created.add(answer.json()["id"])
                await asyncio.sleep(0.02)

    def held_on_both_paths(self, since: float, at_least: int = 1) -> bool:
        held = [o.path for o in self.outcomes if o.started > since and o.status == 201]
        return all(held.count(path) >= at_least for path in (RUSH, DJANGO))


def copy_test_database(pg: PrivatePostgres) -> str:
    """The test database, as this test left it (schema, functions, rows), into ``pg``."""
    url = pg.create_database("gatehouse")
    dump = subprocess.run(
        [str(Path(pg_bin("pg_dump"))), "-Fc", "-d", database_url_of_tests()],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    subprocess.run(
        [pg_bin("pg_restore"), "--no-owner", "--no-privileges", "-d", url],
        input=dump, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return url


def pg_bin(name: str) -> str:
    from tests.support.private_services import _pg_bin

    return _pg_bin(name)


def test_postgresql_restart_under_load(tmp_path: Path) -> None:
    event = EventFactory(max_live_holds_per_user=10_000)
    slots = (
        SlotFactory(resource=ResourceFactory(event=event, units=10_000)).pk,
        SlotFactory(resource=ResourceFactory(event=event, units=10_000)).pk,
    )
    tokens = [sign_in(UserFactory()).access for _ in range(10)]

    with private_postgres() as pg:
        url = copy_test_database(pg)
        env = server_env(tmp_path, DATABASE_URL=url, RUSH_DATABASE_POOL_SIZE="4")
        with live_server(env, tmp_path) as server:
            load = Load(server, event.slug, slots, tokens)

            async def until(check: Any, timeout: float) -> None:
                deadline = time.monotonic() + timeout
                while not check() and time.monotonic() < deadline:
                    await asyncio.sleep(0.1)

            async def scenario() -> tuple[float, float]:
                start = time.monotonic()
                guests = [asyncio.create_task(load.guest(n, t)) for n, t in enumerate(tokens)]
                await until(lambda: load.held_on_both_paths(start, 5), 10)
                down = time.monotonic()
                await asyncio.to_thread(pg.stop, "fast")  # every session ended mid-request
                await asyncio.sleep(1.5)  # requests keep coming while it is away
                await asyncio.to_thread(pg.start)
                up = time.monotonic()
                # Both paths hold again by themselves; then 2 s more of load.
                await until(lambda: load.held_on_both_paths(up + 3, 10), 12)
                load.stop.set()
                await asyncio.wait_for(asyncio.gather(*guests), 30)
                return down, up

            down, up = asyncio.run(scenario())

            # A restart while nobody asks: every connection the pools keep idle is broken, and
            # the first request to meet one has the pool test the others, so one request per
            # path fails instead of one per pooled connection.
            async def quiet_restart() -> dict[str, list[int]]:
                async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:

                    async def hold(path: str, token: str) -> int:
                        body = {"event": event.slug, "items": items(*slots)}
                        answer = await client.post(path, json=body, headers=auth(token))
                        if answer.status_code == 503:
                            assert_unavailable(answer)
                        return answer.status_code

                    warm = [hold(p, t) for p in (RUSH, DJANGO) for t in tokens[:6]]
                    assert set(await asyncio.gather(*warm)) == {201}  # several pooled each
                    await asyncio.to_thread(pg.restart, "fast")
                    after: dict[str, list[int]] = {RUSH: [], DJANGO: []}
                    for _ in range(8):
                        for path in (RUSH, DJANGO):
                            after[path].append(await hold(path, tokens[0]))
                            await asyncio.sleep(0.05)
                    return after

            after_quiet = asyncio.run(quiet_restart())

        server_log = "".join(p.read_text(errors="replace") for p in tmp_path.glob("server-*.log"))
        assert load.errors == [], (load.errors, server_log[-6000:])
        timeline = [
            (round(o.started - down, 2), round(o.ended - down, 2), o.path, o.status)
            for o in sorted(load.outcomes, key=lambda o: o.started)
        ]
        statuses = {o.status for o in load.outcomes}
        assert statuses <= {201, 503}, timeline
        unavailable = [o for o in load.outcomes if o.status == 503]
        for outcome in unavailable:
            assert outcome.answer is not None
            assert_unavailable(outcome.answer)
        # Requests met the outage on both paths, and were answered within the pool's wait.
        assert {o.path for o in unavailable} == {RUSH, DJANGO}, timeline
        assert all(o.ended - o.started < 10 for o in load.outcomes), timeline
        # Before it, and again after it by itself: held on both paths; no 503 for a request
        # sent 3 s after PostgreSQL was back (the pools replaced their broken connections).
        assert load.held_on_both_paths(0, 5), timeline
        assert load.held_on_both_paths(up + 3, 10), timeline
        assert [o for o in unavailable if o.started > up + 3] == [], timeline
        # (Without the pools' check after an error: 4 and 8 of the first 8 failed here.)
        for path, statuses_after in after_quiet.items():
            assert statuses_after[1:] == [201] * 7, (path, statuses_after)

        # No hold half-made, none lost, no counter drifted.
        holds = hold_sizes(url, event.pk)
        assert load.created <= set(holds)
        assert all(hold == ("active", 2) for hold in holds.values()), holds
        rows = assert_invariant(url, list(slots))
        assert all(row["held"] == len(holds) for row in rows.values())


# --- a slow PostgreSQL ---------------------------------------------------------------------


@contextlib.contextmanager
def locked(sql: str, params: list[Any]) -> Iterator[None]:
    """Take a lock with ``sql`` in a transaction of another session and keep it until the
    block ends (what a long transaction elsewhere does to a request)."""
    with psycopg.connect(database_url_of_tests()) as conn:
        conn.execute(sql, params)
        try:
            yield
        finally:
            conn.rollback()


def row_locked(table: str, row_id: Any) -> contextlib.AbstractContextManager[None]:
    return locked(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [row_id])


def user_hold_lock(*users: int) -> contextlib.AbstractContextManager[None]:
    """The lock a hold takes on its user (inventory migration 0010: the hold limit)."""
    return locked(
        "SELECT pg_advisory_xact_lock(hashtextextended('inventory.hold_limit:' || u, 0))"
        " FROM unnest(%s::bigint[]) AS u",
        [list(users)],
    )


def test_a_slow_postgresql_times_holds_out_cleanly(tmp_path: Path) -> None:
    event = EventFactory()
    slot = SlotFactory(resource=ResourceFactory(event=event, units=10))
    guest, other = UserFactory(), UserFactory()
    tokens = {RUSH: sign_in(guest).access, DJANGO: sign_in(other).access}
    body = {"event": event.slug, "items": items(slot.pk)}
    env = server_env(tmp_path, DATABASE_LOCK_TIMEOUT_MS="700")

    async def hold_both_ways(server: LiveServer) -> list[tuple[httpx.Response, float]]:
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:

            async def one(path: str) -> tuple[httpx.Response, float]:
                started = time.monotonic()
                answer = await client.post(path, json=body, headers=auth(tokens[path]))
                return answer, time.monotonic() - started

            return list(await asyncio.gather(one(RUSH), one(DJANGO)))

    with live_server(env, tmp_path) as server:
        for what, lock in (
            ("the slot's row", row_locked("inventory_slot", slot.pk)),
            ("the guests' hold locks", user_hold_lock(guest.pk, other.pk)),
        ):
            with lock:  # for ever, if nobody gave up
                answers = asyncio.run(hold_both_ways(server))
            for answer, elapsed in answers:
                assert_unavailable(answer)
                assert elapsed < 5, (what, elapsed)  # 0.7 s lock timeout, and the answer
        # The locks gone, the same requests succeed.
        after = asyncio.run(hold_both_ways(server))

    assert [answer.status_code for answer, _ in after] == [201, 201]
    holds = hold_sizes(database_url_of_tests(), event.pk)
    assert len(holds) == 2  # nothing was made by the requests that timed out
    rows = assert_invariant(database_url_of_tests(), [slot.pk])
    assert rows[slot.pk]["held"] == 2


# --- Redis restarted -----------------------------------------------------------------------


async def ask(ws: Any, frame: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps(frame))
    while True:
        answer = json.loads(await asyncio.wait_for(ws.recv(), 5))
        if answer.get("type") != "event":
            return answer


def test_redis_restart_keeps_holds_limits_and_revocations(tmp_path: Path) -> None:
    event = EventFactory()
    slot = SlotFactory(resource=ResourceFactory(event=event, units=50))
    topic = f"event:{event.slug}:availability"
    holder, late, leaving = (sign_in(UserFactory()).access for _ in range(3))
    phone = "+966500000001"

    with private_redis() as redis_server:
        env = server_env(
            tmp_path,
            REDIS_URL=redis_server.url(0),
            CELERY_BROKER_URL=redis_server.url(1),
        )
        with live_server(env, tmp_path) as server:
            client = httpx.Client(base_url=server.url, timeout=20)

            async def subscribe(since: dict[str, Any] | None = None) -> dict[str, Any]:
                frame: dict[str, Any] = {"type": "subscribe", "topic": topic}
                if since is not None:
                    frame["since"] = since
                async with websockets.connect(
                    server.ws_url, origin=server.origin, open_timeout=5
                ) as ws:
                    return await ask(ws, frame)

            first = asyncio.run(subscribe())
            held = client.post(RUSH, json={"event": event.slug, "items": items(slot.pk)},
                               headers=auth(holder))  # fmt: skip
            assert held.status_code == 201, held.text
            code = client.post("/api/auth/otp/request/", json={"phone": phone})
            assert code.status_code == 200, code.text
            again = client.post("/api/auth/otp/request/", json={"phone": phone})
            assert again.status_code == 429  # the resend cooldown
            assert client.get("/api/auth/me/", headers=auth(leaving)).status_code == 200
            ended = client.post("/api/auth/logout/", json={}, headers=auth(leaving))
            assert ended.status_code == 200, ended.text
            assert client.get("/api/auth/me/", headers=auth(leaving)).status_code == 401
            seen = asyncio.run(subscribe())
            assert seen["snapshot"]["slots"][0]["available"] == 49

            redis_server.restart()  # every key gone: epochs, history, limits, cached states

            # A watcher that comes back with its position is told to start again: a new
            # epoch and a fresh snapshot that shows the hold PostgreSQL kept.
            deadline = time.monotonic() + 15
            while True:
                try:
                    resumed = asyncio.run(
                        subscribe(since={"epoch": seen["epoch"], "seq": seen["seq"]})
                    )
                    break
                except (OSError, TimeoutError, websockets.WebSocketException):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
            assert resumed["type"] == "subscribed", resumed
            assert resumed["recovered"] is False
            assert resumed["epoch"] != first["epoch"]
            assert resumed["snapshot"]["slots"][0]["available"] == 49
            # Holds go on (after retries while the server reconnects, if any).
            for _ in range(50):
                more = client.post(RUSH, json={"event": event.slug, "items": items(slot.pk)},
                                   headers=auth(late))  # fmt: skip
                if more.status_code != 503:
                    break
                time.sleep(0.2)
            assert more.status_code == 201, more.text
            assert (
                client.get(f"/api/holds/{held.json()['id']}/", headers=auth(holder)).json()[
                    "status"
                ]
                == "active"
            )
            # The revoked session stays revoked (PostgreSQL says so when the cache does not),
            # on Django's path and on the rush route's.
            assert client.get("/api/auth/me/", headers=auth(leaving)).status_code == 401
            refused = client.post(RUSH, json={"event": event.slug, "items": items(slot.pk)},
                                  headers=auth(leaving))  # fmt: skip
            assert refused.status_code == 401
            assert client.get("/api/auth/me/", headers=auth(holder)).status_code == 200
            # The per-phone limits are counted again from the requests PostgreSQL recorded.
            limited = client.post("/api/auth/otp/request/", json={"phone": phone})
            assert limited.status_code == 429, limited.text
            assert 1 <= int(limited.headers["retry-after"]) <= settings.OTP_RESEND_COOLDOWN_SECONDS
            client.close()

    rows = assert_invariant(database_url_of_tests(), [slot.pk])
    assert rows[slot.pk]["held"] == 2


# --- a Celery worker killed in the middle of a webhook -------------------------------------


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "backend", "worker", "-l", "INFO",
             "-Q", "celery", "--concurrency", "1", "--without-mingle", "--without-gossip",
             "-n", f"failures-{uuid.uuid4().hex[:6]}@%h"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def stop_worker(worker: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if worker.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, sig)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(5)


def waiting_on_a_lock(table: str) -> bool:
    """Whether a session of the test database waits for a row lock on ``table``."""
    with psycopg.connect(database_url_of_tests(), autocommit=True) as conn:
        return bool(
            conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND query ILIKE %s",
                [f"%{table}%"],
            ).fetchone()[0]
        )


def wait_for(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout} s")
        time.sleep(0.2)


def pool_processes(worker: int) -> list[int]:
    from tests.support.private_services import _children

    return _children(worker)


def pending_payment_booking(api: Any, shop: Any) -> dict[str, Any]:
    """A booking of one ticket waiting for the test provider's payment."""
    hold = api.post(
        "/api/holds/", {"event": "fest", "items": items(shop.slot.pk)}, format="json"
    ).json()
    booking: dict[str, Any] = api.post(
        "/api/bookings/", {"hold": hold["id"], "details": {"holders": ["A"]}}, format="json"
    ).json()
    paying = api.post(f"/api/bookings/{booking['id']}/pay/", {"provider": "test"}, format="json")
    assert paying.status_code == 200, paying.json()
    return booking


def test_a_worker_killed_mid_webhook_leaves_it_to_be_handled_once(
    tmp_path: Path, shop: Any, guest_api: Any
) -> None:
    from backend.bookings.models import Booking
    from backend.payments import signing
    from backend.payments.models import Payment
    from backend.payments.providers.test import HEADER, test_event, test_secret
    from backend.tickets.models import Ticket
    from backend.webhooks.models import WebhookDelivery

    booking = pending_payment_booking(guest_api, shop)
    payment = Payment.objects.get(booking_id=booking["id"])
    body = json.dumps(test_event(payment, "payment.succeeded", "evt_killed")).encode()
    second = pending_payment_booking(client_of(UserFactory()), shop)
    second_payment = Payment.objects.get(booking_id=second["id"])
    second_body = json.dumps(
        test_event(second_payment, "payment.succeeded", "evt_child_killed")
    ).encode()

    def post_webhook(url: str, content: bytes) -> httpx.Response:
        signature = signing.sign(test_secret(), content)
        return httpx.post(
            f"{url}/api/webhooks/test/",
            content=content,
            headers={"content-type": "application/json", HEADER: signature},
            timeout=20,
        )

    with private_redis() as broker:
        env = server_env(
            tmp_path,
            REDIS_URL=broker.url(0),
            CELERY_BROKER_URL=broker.url(1),
            CELERY_VISIBILITY_TIMEOUT="2",  # how soon a dead worker's task is taken again
        )
        worker = start_worker(env, tmp_path / "worker-1.log")  # boots while the server does
        try:
            with live_server(env, tmp_path) as server:
                with row_locked("bookings_booking", booking["id"]):  # the task will wait here
                    sent = post_webhook(server.url, body)
                    assert sent.status_code == 200, sent.text
                    wait_for(
                        lambda: waiting_on_a_lock("bookings_booking"), 30,
                        "the worker did not start the delivery",
                    )  # fmt: skip
                    stop_worker(worker, signal.SIGKILL)  # the whole worker, mid-transaction
                    delivery = WebhookDelivery.objects.get(event_id="evt_killed")
                    assert (delivery.outcome, delivery.processed_at) == ("pending", None)
                    worker = start_worker(env, tmp_path / "worker-2.log")
                # The lock gone, the new worker takes the task the dead one never acked.
                wait_for(
                    lambda: WebhookDelivery.objects.get(event_id="evt_killed").processed_at,
                    30, "the delivery was not handled again",
                )  # fmt: skip

                # Only the pool process killed (the OOM killer's way), its worker alive: the
                # task is given back at once (task_reject_on_worker_lost) and handled by the
                # pool process started in its place.
                with row_locked("bookings_booking", second["id"]):
                    sent = post_webhook(server.url, second_body)
                    assert sent.status_code == 200, sent.text
                    wait_for(
                        lambda: waiting_on_a_lock("bookings_booking"), 30,
                        "the worker did not start the second delivery",
                    )  # fmt: skip
                    [child] = pool_processes(worker.pid)
                    os.kill(child, signal.SIGKILL)
                wait_for(
                    lambda: WebhookDelivery.objects.get(event_id="evt_child_killed").processed_at,
                    30, "the second delivery was not handled again",
                )  # fmt: skip
                time.sleep(1)  # a second handling of either, if there were one, shows now
        finally:
            stop_worker(worker)

    for event_id, paid in (("evt_killed", booking), ("evt_child_killed", second)):
        delivery = WebhookDelivery.objects.get(event_id=event_id)
        assert (delivery.outcome, delivery.attempts) == ("applied", 1)
        assert Booking.objects.get(pk=paid["id"]).status == "confirmed"
        assert Payment.objects.get(booking_id=paid["id"]).status == "succeeded"
        assert Ticket.objects.filter(booking_id=paid["id"]).count() == 1
    rows = assert_invariant(database_url_of_tests(), [shop.slot.pk])
    assert (rows[shop.slot.pk]["sold"], rows[shop.slot.pk]["held"]) == (2, 0)
