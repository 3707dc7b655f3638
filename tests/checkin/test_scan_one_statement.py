"""A scan in one round trip on PostgreSQL (``checkin_scan``, migration 0006): the statement
count pinned, and once-only admission under real races on that path (several stations, each
in its own thread and connection, scanning the same tickets at the same instant). The plain
ORM path (SQLite, setup codes) answers the same: the rest of tests/checkin runs on both."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from backend.checkin.models import Gate, GateCountShard, Scan
from backend.checkin.selectors import gate_counts
from backend.checkin.services.scans import Station, StationRevoked, scan_at_gate
from backend.core.errors import Forbidden, NotFound
from backend.tickets.models import Ticket
from tests.factories import UserFactory
from tests.support.bookings import mark_paid
from tests.support.checkin import qr_of
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def scan(station: Any, gate: Gate, qr: str, **extra: Any) -> dict[str, Any]:
    return scan_at_gate(gate_id=gate.pk, station=Station(device=station.device), qr=qr, **extra)


def test_a_scan_is_one_statement(gate: Gate, tickets: list[Any], station: Any) -> None:
    qr = qr_of(tickets[0])
    forged = qr[:-10] + ("A" if qr[-10] != "A" else "B") + qr[-9:]
    answers, counted = [], []
    tries: list[tuple[str, dict[str, str]]] = [
        (qr, {"request_id": "a"}), (qr, {}), (forged, {}), (qr, {"request_id": "a"})
    ]  # fmt: skip
    for code, extra in tries:
        with CaptureQueriesContext(connection) as queries:
            answers.append(scan(station, gate, code, **extra))
        counted.append([q["sql"] for q in queries.captured_queries])

    assert [a["status"] for a in answers] == ["admitted", "already_used", "invalid", "admitted"]
    assert [len(sqls) for sqls in counted] == [1, 1, 1, 1]  # no BEGIN, no COMMIT: autocommit
    assert all(sqls[0].startswith("SELECT checkin_scan(") for sqls in counted)
    assert answers[3] == answers[0]  # the retry: the first answer, nothing written
    assert Scan.objects.count() == 3
    assert gate_counts(gate.pk) == {"admitted": 1, "rejected": 2}


def test_the_answers_are_those_of_the_orm_path(
    gate: Gate, tickets: list[Any], station: Any
) -> None:
    qr = qr_of(tickets[0])

    first = scan(station, gate, qr)
    second = scan(station, gate, qr)

    ticket = Ticket.objects.get(pk=tickets[0].pk)
    assert first == {
        "status": "admitted",
        "message": "Welcome in.",
        "ticket": {"id": ticket.pk, "label": ticket.label, "holder_name": "Holder 1",
                   "event": ticket.event_id},
        "gate": gate.pk,
        "scanned_at": first["scanned_at"],
    }  # fmt: skip
    assert ticket.admitted_at is not None
    assert first["scanned_at"] == ticket.admitted_at.isoformat().replace("+00:00", "Z")
    assert second["first_admitted_at"] == first["scanned_at"]
    assert second["first_gate"] == {"id": gate.pk, "name": "North gate"}
    assert Scan.objects.get(status="admitted").answer == first


def test_refusals_before_the_scan_log_nothing(
    gate: Gate, tickets: list[Any], stations: Any, shop: Any
) -> None:
    bound, elsewhere = stations(2)
    gate.devices.remove(elsewhere.device)
    qr = qr_of(tickets[0])

    with pytest.raises(NotFound):
        scan_at_gate(gate_id=gate.pk + 1000, station=Station(device=bound.device), qr=qr)
    with pytest.raises(Forbidden):
        scan(elsewhere, gate, qr)
    type(bound.device).objects.filter(pk=bound.device.pk).update(revoked_at=bound.device.created_at)
    with pytest.raises(StationRevoked):
        scan(bound, gate, qr)

    assert not Scan.objects.exists()
    assert Ticket.objects.get(pk=tickets[0].pk).admitted_at is None


def many_tickets(shop: Any, n: int) -> list[Ticket]:
    booking = shop.book(UserFactory(), n)
    mark_paid(booking=booking)
    return list(booking.tickets.order_by("id"))


@pytest.mark.slow
def test_stations_racing_over_many_tickets_admit_each_once(
    gate: Gate, stations: Any, shop: Any
) -> None:
    lanes = stations(6)
    tickets = many_tickets(shop, 8)
    qrs = [qr_of(ticket) for ticket in tickets]

    def job(lane: Any) -> Any:
        def run() -> str:
            # every lane scans every ticket; half of them from the last ticket back
            order = qrs if lanes.index(lane) % 2 else qrs[::-1]
            statuses = [scan(lane, gate, qr)["status"] for qr in order]
            return ",".join(sorted(statuses))

        return run

    outcomes = run_together([job(lane) for lane in lanes])

    statuses = [s for outcome, n in outcomes.items() for s in outcome.split(",") * n]
    assert sorted(set(statuses)) == ["admitted", "already_used"], outcomes
    assert statuses.count("admitted") == len(tickets)
    per_ticket = dict(
        Scan.objects.filter(status="admitted")
        .values_list("ticket_id")
        .annotate(n=Count("id"))
        .values_list("ticket_id", "n")
    )
    assert per_ticket == {ticket.pk: 1 for ticket in tickets}
    assert Ticket.objects.filter(pk__in=[t.pk for t in tickets], admitted_at=None).count() == 0
    assert gate_counts(gate.pk) == {"admitted": 8, "rejected": 8 * 5}
    assert GateCountShard.objects.filter(gate=gate).count() == 6  # one shard per lane
    assert Scan.objects.count() == 8 * 6


def test_a_reentry_gate_under_a_race_lets_one_in_and_one_out(
    gate: Gate, tickets: list[Any], stations: Any
) -> None:
    gate.mode = Gate.Mode.REENTRY
    gate.save()
    lanes = stations(5)
    qr = qr_of(tickets[0])

    def job(lane: Any, direction: str) -> Any:
        return lambda: scan(lane, gate, qr, direction=direction)["status"]

    entering = run_together([job(lane, "in") for lane in lanes])
    leaving = run_together([job(lane, "out") for lane in lanes])
    again = run_together([job(lane, "in") for lane in lanes])

    assert entering == {"admitted": 1, "already_used": 4}
    assert leaving == {"exited": 1, "already_used": 4}
    assert again == {"admitted": 1, "already_used": 4}
    ticket = Ticket.objects.get(pk=tickets[0].pk)
    first = Scan.objects.filter(status="admitted").order_by("scanned_at", "id").first()
    assert first is not None
    assert (ticket.inside, ticket.admitted_at, ticket.admitted_gate_id) == (
        True,
        first.scanned_at,
        gate.pk,
    )


def test_one_device_retrying_at_the_same_instant_gets_one_answer(
    gate: Gate, tickets: list[Any], station: Any
) -> None:
    qr = qr_of(tickets[0])

    def retry() -> str:
        answer = scan(station, gate, qr, request_id="lane1-0001")
        return f"{answer['status']} {answer['scanned_at']}"

    outcomes = run_together([retry for _ in range(6)])

    assert len(outcomes) == 1, outcomes  # the same answer six times
    assert next(iter(outcomes)).startswith("admitted ")
    assert Scan.objects.count() == 1
    assert gate_counts(gate.pk) == {"admitted": 1, "rejected": 0}
