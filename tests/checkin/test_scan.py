"""Scanning at a gate: statuses, once-only admission, idempotent retries, logs and counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.checkin.models import Gate, Scan
from backend.checkin.services.scans import Station as ScanStation
from backend.checkin.services.scans import scan_commit, scan_validate
from backend.inventory.models import Resource
from backend.tickets import codes
from tests.factories import EventFactory, ResourceFactory, StaffFactory
from tests.support.bookings import client_of
from tests.support.checkin import qr_of

pytestmark = pytest.mark.django_db


def commit(station: Any, gate: Gate, qr: str, **extra: Any) -> dict[str, Any]:
    answer = station.client().post(
        "/api/scan/commit/", {"qr": qr, "gate": gate.pk, **extra}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    return answer.json()


def test_a_valid_ticket_is_admitted_once(station: Any, gate: Gate, tickets: list[Any]) -> None:
    qr = qr_of(tickets[0])

    first = commit(station, gate, qr)
    second = commit(station, gate, qr)

    assert first["status"] == "admitted"
    assert first["ticket"]["holder_name"] == "Holder 1"
    assert second["status"] == "already_used"
    assert second["first_gate"] == {"id": gate.pk, "name": "North gate"}
    assert second["first_admitted_at"] == first["scanned_at"]


def test_validate_changes_nothing(station: Any, gate: Gate, tickets: list[Any]) -> None:
    qr = qr_of(tickets[0])
    client = station.client()

    answers = [
        client.post("/api/scan/validate/", {"qr": qr, "gate": gate.pk}, format="json").json()
        for _ in range(2)
    ]

    assert [a["status"] for a in answers] == ["admitted", "admitted"]
    assert not Scan.objects.exists()
    assert commit(station, gate, qr)["status"] == "admitted"


def test_a_forged_code_is_invalid_without_a_query(
    gate: Gate, tickets: list[Any], django_assert_num_queries: Any
) -> None:
    qr = qr_of(tickets[0])
    forged = [qr[:-1] + ("A" if qr[-1] != "A" else "B"), qr[:-4], qr[:10] + "Z" + qr[11:], 7]
    gate.admitted_resource_ids  # the gate is loaded before the code is read  # noqa: B018

    with django_assert_num_queries(0):
        answers = [scan_validate(qr=code, gate=gate)["status"] for code in forged]

    assert answers == ["invalid"] * 4


def test_a_forged_commit_reads_no_ticket_and_only_logs(gate: Gate, station: Any) -> None:
    gate.admitted_resource_ids  # noqa: B018
    with CaptureQueriesContext(connection) as queries:
        answer = scan_commit(qr="GH1" + "A" * 122, gate=gate, station=ScanStation(station.device))

    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert answer["status"] == "invalid"
    assert not any("tickets_ticket" in q["sql"] for q in queries.captured_queries)
    assert statements.count("INSERT") == 1  # the log row; the rest: its savepoint, the counts
    assert Scan.objects.get().status == "invalid"


def test_a_repeated_request_id_gets_the_first_answer(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    qr = qr_of(tickets[0])

    first = commit(station, gate, qr, request_id="lane1-0001")
    retry = commit(station, gate, qr, request_id="lane1-0001")
    other = commit(station, gate, qr, request_id="lane1-0002")

    assert first["status"] == retry["status"] == "admitted"
    assert retry == first
    assert other["status"] == "already_used"
    assert Scan.objects.count() == 2


def test_a_refunded_ticket_is_void(station: Any, gate: Gate, tickets: list[Any], shop: Any) -> None:
    booking = tickets[0].booking
    client_of(StaffFactory()).post(
        f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
    )

    assert commit(station, gate, qr_of(tickets[0]))["status"] == "void"


def test_an_old_code_of_a_reissued_ticket_is_void(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    old = qr_of(tickets[0])
    tickets[0].version += 1
    tickets[0].save()

    assert commit(station, gate, old)["status"] == "void"
    assert commit(station, gate, qr_of(tickets[0]))["status"] == "admitted"


def test_wrong_gate_and_wrong_event(
    station: Any, gate: Gate, tickets: list[Any], shop: Any
) -> None:
    vip_area = ResourceFactory(event=shop.event, kind=Resource.Kind.TICKET)
    gate.resources.add(vip_area)
    elsewhere = codes.sign(event_id=EventFactory().pk, ticket_id=tickets[1].pk, version=1)

    assert commit(station, gate, qr_of(tickets[0]))["status"] == "wrong_gate"
    assert commit(station, gate, elsewhere)["status"] == "wrong_event"


def test_an_unpaid_booking_does_not_enter(station: Any, gate: Gate, tickets: list[Any]) -> None:
    type(tickets[0].booking).objects.filter(pk=tickets[0].booking_id).update(status="cancelled")

    assert commit(station, gate, qr_of(tickets[0]))["status"] == "unpaid"


def test_reentry_gates_let_people_out_and_in_again(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    gate.mode = Gate.Mode.REENTRY
    gate.save()
    qr = qr_of(tickets[0])

    statuses = [
        commit(station, gate, qr)["status"],
        commit(station, gate, qr)["status"],
        commit(station, gate, qr, direction="out")["status"],
        commit(station, gate, qr)["status"],
    ]

    assert statuses == ["admitted", "already_used", "exited", "admitted"]
    tickets[0].refresh_from_db()
    assert tickets[0].inside is True


def test_a_device_of_another_gate_is_forbidden(
    gate: Gate, tickets: list[Any], stations: Any, shop: Any
) -> None:
    other_gate = Gate.objects.create(event=shop.event, name="South gate")
    (south,) = stations(1)
    gate.devices.remove(south.device)
    other_gate.devices.add(south.device)

    answer = south.client().post(
        "/api/scan/commit/", {"qr": qr_of(tickets[0]), "gate": gate.pk}, format="json"
    )

    assert answer.status_code == 403
    assert not Scan.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"qr": 5, "gate": 1}, {"qr": "x", "gate": "1"}, {"qr": "x" * 600, "gate": 1}]
)
def test_bad_input_is_a_validation_error(station: Any, body: dict[str, Any]) -> None:
    answer = station.client().post("/api/scan/commit/", body, format="json")

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"


def test_signed_out_callers_may_not_scan(api: Any, gate: Gate) -> None:
    answer = api.post("/api/scan/commit/", {"qr": "x", "gate": gate.pk}, format="json")

    assert answer.status_code == 401


def test_staff_see_logs_and_figures_that_match(
    station: Any, gate: Gate, tickets: list[Any], shop: Any
) -> None:
    for ticket in tickets:
        commit(station, gate, qr_of(ticket))
    commit(station, gate, qr_of(tickets[0]))
    commit(station, gate, "nonsense")
    staff = client_of(StaffFactory(grant__event=shop.event))

    logs = staff.get("/api/scan/logs/", {"gate": gate.pk}).json()
    stats = staff.get("/api/scan/stats/", {"event": shop.event.slug}).json()

    assert logs["count"] == 5
    assert [row["status"] for row in logs["results"]][:2] == ["invalid", "already_used"]
    assert stats["gates"] == [{"id": gate.pk, "name": "North gate", "admitted": 3, "rejected": 2}]
    assert sum(minute["scans"] for minute in stats["scans_per_minute"]) == 5


def test_the_gate_topic_carries_each_scan_and_the_counts(
    station: Any, gate: Gate, tickets: list[Any], captured_publishes: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        commit(station, gate, qr_of(tickets[0]))
        commit(station, gate, qr_of(tickets[0]))

    frames = [(p.kind, p.data) for p in captured_publishes if p.topic == f"gate:{gate.pk}"]
    assert [kind for kind, _ in frames] == ["scan", "counts", "scan", "counts"]
    assert frames[-1][1] == {"admitted": 1, "rejected": 1}
    assert frames[2][1]["status"] == "already_used"


def test_gates_of_an_event(station: Any, gate: Gate, shop: Any) -> None:
    answer = station.client().get(f"/api/events/{shop.event.slug}/gates/").json()

    assert answer["gates"] == [
        {"id": gate.pk, "name": "North gate", "mode": "single", "load_in": False, "resources": [],
         "topic": f"gate:{gate.pk}"}
    ]  # fmt: skip
