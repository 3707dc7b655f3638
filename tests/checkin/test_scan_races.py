"""Once-only admission under real concurrency on PostgreSQL: 20 stations at the same instant
through the service, and two stations over real websockets to a real daphne."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets

from backend.checkin.models import Gate, Scan
from backend.checkin.selectors import gate_for_station
from backend.checkin.services.scans import Station as ScanStation
from backend.checkin.services.scans import scan_commit
from tests.support.checkin import qr_of
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_stations_scanning_one_ticket_admit_it_once(
    gate: Gate, tickets: list[Any], stations: Any
) -> None:
    qr = qr_of(tickets[0])

    def job(device: Any) -> Any:
        def scan() -> str:
            at = gate_for_station(gate.pk, device=device, user=None)
            return scan_commit(qr=qr, gate=at, station=ScanStation(device))["status"]

        return scan

    outcomes = run_together([job(s.device) for s in stations(20)])

    assert outcomes == {"admitted": 1, "already_used": 19}
    assert Scan.objects.filter(status="admitted").count() == 1


@pytest.mark.slow
def test_two_websocket_stations_at_the_same_instant(
    gatehouse_server: Any, gate: Gate, tickets: list[Any], stations: Any
) -> None:
    qr = qr_of(tickets[0])
    tokens = [s.token for s in stations(2)]

    async def station(token: str, start: asyncio.Event) -> dict[str, Any]:
        async with websockets.connect(
            gatehouse_server.ws_url, origin=gatehouse_server.origin, open_timeout=5
        ) as ws:
            await ws.send(json.dumps({"type": "auth", "token": token}))
            assert json.loads(await asyncio.wait_for(ws.recv(), 5))["type"] == "auth.ok"
            await start.wait()
            await ws.send(json.dumps({"type": "scan", "gate": gate.pk, "qr": qr,
                                      "request_id": token[-8:]}))  # fmt: skip
            return json.loads(await asyncio.wait_for(ws.recv(), 5))

    async def both() -> list[dict[str, Any]]:
        start = asyncio.Event()
        running = [asyncio.create_task(station(token, start)) for token in tokens]
        await asyncio.sleep(0.5)
        start.set()
        return await asyncio.gather(*running)

    answers = asyncio.run(both())

    assert sorted(a["status"] for a in answers) == ["admitted", "already_used"]
    assert {a["type"] for a in answers} == {"scan.result"}
    assert {a["request_id"] for a in answers} == {t[-8:] for t in tokens}
