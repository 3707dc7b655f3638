"""The websocket side of scanning (in process): the ``scan`` frame and the gate topic."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from backend.checkin.models import Gate, Scan
from backend.realtime.dispatcher import dispatcher
from tests.accounts.helpers import sign_in
from tests.factories import UserFactory
from tests.support.checkin import qr_of

pytestmark = pytest.mark.django_db(transaction=True)


async def station_client(connect: Any, token: str) -> Any:
    client = await connect()
    assert (await client.ask({"type": "auth", "token": token}))["type"] == "auth.ok"
    return client


async def test_a_station_scans_over_its_websocket_and_watches_its_gate(
    connect: Any, gate: Gate, tickets: list[Any], station: Any
) -> None:
    client = await station_client(connect, station.token)
    subscribed = await client.ask({"type": "subscribe", "topic": f"gate:{gate.pk}"})

    result = await client.ask(
        {"type": "scan", "gate": gate.pk, "qr": qr_of(tickets[0]), "request_id": "r1"}
    )
    await sync_to_async(dispatcher.drain)()
    pushed = [await client.recv(), await client.recv()]

    assert subscribed["snapshot"] == {"admitted": 0, "rejected": 0, "last": []}
    assert (result["type"], result["request_id"], result["status"]) == (
        "scan.result",
        "r1",
        "admitted",
    )
    assert [f["kind"] for f in pushed] == ["scan", "counts"]
    assert pushed[1]["data"] == {"admitted": 1, "rejected": 0}


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "scan", "gate": "1", "qr": "x"}, "bad_request"),
        ({"type": "scan", "gate": 1, "qr": 5}, "bad_request"),
        ({"type": "scan", "gate": 1, "qr": "x", "direction": "up"}, "bad_request"),
        ({"type": "scan", "gate": 1, "qr": "x", "request_id": 7}, "bad_request"),
    ],
)
async def test_bad_scan_frames_are_refused(connect: Any, frame: dict[str, Any], code: str) -> None:
    client = await connect()

    answer = await client.ask(frame)

    assert (answer["type"], answer["code"]) == ("error", code)


async def test_anonymous_connections_may_not_scan(connect: Any, gate: Gate) -> None:
    client = await connect()

    answer = await client.ask({"type": "scan", "gate": gate.pk, "qr": "x", "request_id": "q"})

    assert (answer["code"], answer["request_id"]) == ("forbidden", "q")


async def test_a_guest_may_neither_scan_nor_watch_a_gate(connect: Any, gate: Gate) -> None:
    pair = await sync_to_async(sign_in)(await sync_to_async(UserFactory)())
    client = await station_client(connect, pair.access)

    scan = await client.ask({"type": "scan", "gate": gate.pk, "qr": "x", "request_id": "g"})
    watch = await client.ask({"type": "subscribe", "topic": f"gate:{gate.pk}"})

    assert scan["code"] == "forbidden"
    assert watch["code"] == "forbidden"


@pytest.mark.postgres
async def test_a_stations_scan_is_one_statement_from_the_event_loop(
    connect: Any, gate: Gate, tickets: list[Any], station: Any, monkeypatch: Any
) -> None:
    from backend.core import async_db

    def no_thread(*args: Any) -> Any:
        raise AssertionError("a station's scan took the thread path")

    monkeypatch.setattr("consumers.scan._scan", no_thread)
    client = await station_client(connect, station.token)
    qr = qr_of(tickets[0])
    forged = qr[:-10] + ("A" if qr[-10] != "A" else "B") + qr[-9:]
    sent, statuses = [], []
    for n, code in enumerate([qr, qr, forged]):
        before = async_db.statements_sent
        answer = await client.ask({"type": "scan", "gate": gate.pk, "qr": code,
                                   "request_id": f"s{n}"})  # fmt: skip
        sent.append(async_db.statements_sent - before)
        statuses.append(answer["status"])

    assert statuses == ["admitted", "already_used", "invalid"]
    assert sent == [1, 1, 1]


@pytest.mark.postgres
async def test_four_websocket_stations_on_the_same_tickets_admit_each_once(
    connect: Any, gate: Gate, tickets: list[Any], stations: Any
) -> None:
    lanes = await sync_to_async(stations)(4)
    clients = [await station_client(connect, lane.token) for lane in lanes]

    async def lane(client: Any, number: int) -> list[str]:
        statuses = []
        for ticket in tickets:
            answer = await client.ask({"type": "scan", "gate": gate.pk, "qr": qr_of(ticket),
                                       "request_id": f"{number}-{ticket.pk}"})  # fmt: skip
            statuses.append(answer["status"])
        return statuses

    results = await asyncio.gather(*(lane(c, n) for n, c in enumerate(clients)))

    per_ticket = [[r[i] for r in results] for i in range(len(tickets))]
    assert [sorted(s) for s in per_ticket] == [["admitted"] + ["already_used"] * 3] * len(tickets)
    admitted = await sync_to_async(
        lambda: sorted(Scan.objects.filter(status="admitted").values_list("ticket_id", flat=True))
    )()
    assert admitted == [t.pk for t in tickets]
