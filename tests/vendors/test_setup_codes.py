"""Setup codes at the load-in gate: the window at its edges, the crew count at its edge, a
revoked vendor's code refused (REST and websocket), and the same logs and counts as tickets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from backend.accounts.services.devices import device_create
from backend.checkin.models import Gate, Scan
from backend.checkin.services.scans import Station, scan_commit, scan_validate
from backend.tickets import codes
from backend.vendors.models import Vendor
from backend.vendors.services.booths import booth_assign
from backend.vendors.services.decisions import vendor_revoke
from backend.vendors.services.setup_codes import setup_code_for
from tests.support.concurrency import run_together
from tests.vendors.conftest import Festival, client_of


def crewed(festival: Festival, size: str = "small") -> Vendor:
    """An approved vendor in a booth of ``size`` (small: 2 crew passes)."""
    vendor = festival.vendor()
    booth = festival.booth(size=size)
    booth_assign(booth_id=booth.pk, vendor_id=vendor.pk, actor=festival.staff)
    vendor.refresh_from_db()
    return vendor


def scan(
    festival: Festival, qr: str, *, gate: Gate | None = None, at: Any = None, **kw: Any
) -> Any:
    return scan_commit(
        qr=qr, gate=gate or festival.gate, station=Station(user=festival.staff), now=at, **kw
    )


@pytest.mark.django_db
def test_the_vendor_gets_its_setup_code_and_the_crew_is_admitted(festival: Festival) -> None:
    vendor = crewed(festival)

    code = client_of(vendor.user).get("/api/vendor/setup-qr/?event=summer-fest").json()
    answer = scan(festival, code["qr_payload"])

    assert (code["crew_passes"], code["admitted"]) == (2, 0)
    assert code["valid_from"] is not None
    assert answer["status"] == "admitted"
    assert answer["vendor"] == {"id": vendor.pk, "name": vendor.name, "booth": "A-01"}
    assert answer["crew"] == {"admitted": 1, "allowed": 2}
    logged = Scan.objects.get()
    assert (logged.kind, logged.vendor_id, logged.ticket) == ("setup", vendor.pk, None)
    festival.gate.refresh_from_db()
    assert festival.gate.admitted_count == 1


@pytest.mark.django_db
def test_the_setup_window_admits_from_its_start_until_just_before_its_end(
    festival: Festival,
) -> None:
    vendor = crewed(festival, "medium")
    qr = setup_code_for(vendor).qr_payload
    starts, ends = festival.settings.setup_starts_at, festival.settings.setup_ends_at
    tick = timedelta(microseconds=1)

    outcomes = [scan(festival, qr, at=at)["status"]
                for at in (starts - tick, starts, ends - tick, ends)]  # fmt: skip

    assert outcomes == ["outside_setup", "admitted", "admitted", "outside_setup"]
    refused = scan_validate(qr=qr, gate=festival.gate, now=ends)
    assert refused["setup"]["ends_at"] == ends.isoformat()


@pytest.mark.django_db
def test_the_crew_count_admits_exactly_the_passes(festival: Festival) -> None:
    vendor = crewed(festival, "small")  # 2 passes
    qr = setup_code_for(vendor).qr_payload

    outcomes = [scan(festival, qr)["status"] for _ in range(3)]

    assert outcomes == ["admitted", "admitted", "crew_full"]
    vendor.refresh_from_db()
    assert vendor.crew_admitted == 2
    festival.gate.refresh_from_db()
    assert (festival.gate.admitted_count, festival.gate.rejected_count) == (2, 1)


@pytest.mark.django_db
def test_validate_says_what_a_scan_would_and_changes_nothing(festival: Festival) -> None:
    vendor = crewed(festival)
    qr = setup_code_for(vendor).qr_payload

    answer = scan_validate(qr=qr, gate=festival.gate)

    assert (answer["status"], answer["crew"]) == ("admitted", {"admitted": 1, "allowed": 2})
    vendor.refresh_from_db()
    assert vendor.crew_admitted == 0
    assert not Scan.objects.exists()


@pytest.mark.django_db
def test_at_an_entry_and_exit_gate_a_crew_member_going_out_frees_a_place(
    festival: Festival,
) -> None:
    festival.gate.mode = Gate.Mode.REENTRY
    festival.gate.save()
    qr = setup_code_for(crewed(festival)).qr_payload

    outcomes = [scan(festival, qr, direction=d)["status"] for d in ("in", "in", "in", "out", "in")]

    assert outcomes == ["admitted", "admitted", "crew_full", "exited", "admitted"]


@pytest.mark.django_db
def test_a_vendor_without_a_booth_has_no_crew_passes(festival: Festival) -> None:
    qr = setup_code_for(festival.vendor()).qr_payload

    answer = scan(festival, qr)

    assert answer["status"] == "crew_full"
    assert "no booth" in answer["message"]


@pytest.mark.django_db
def test_setup_codes_open_only_load_in_gates(festival: Festival) -> None:
    qr = setup_code_for(crewed(festival)).qr_payload
    front = Gate.objects.create(event=festival.event, name="Front gate")

    at_the_front = scan(festival, qr, gate=front)

    assert at_the_front["status"] == "wrong_gate"


@pytest.mark.django_db
def test_a_ticket_at_the_load_in_gate_is_refused(tickets: list[Any], gate: Gate) -> None:
    from tests.support.checkin import qr_of

    gate.load_in = True
    gate.save()

    answer = scan_validate(qr=qr_of(tickets[0]), gate=gate)

    assert answer["status"] == "wrong_gate"


@pytest.mark.django_db
def test_a_setup_code_of_another_event_is_refused(festival: Festival) -> None:
    qr = codes.sign(event_id=festival.event.pk + 1000, ticket_id=1, version=1,
                    form=codes.SETUP_FORMAT)  # fmt: skip

    assert scan(festival, qr)["status"] == "wrong_event"


@pytest.mark.django_db
def test_a_forged_setup_code_is_invalid(festival: Festival) -> None:
    qr = setup_code_for(crewed(festival)).qr_payload
    forged = qr[:-4] + ("AAAA" if not qr.endswith("AAAA") else "BBBB")

    assert scan(festival, forged)["status"] == "invalid"


@pytest.mark.django_db
def test_a_revoked_vendors_code_is_void_over_rest(festival: Festival, api: Any) -> None:
    vendor = crewed(festival)
    qr = setup_code_for(vendor).qr_payload
    device, token = device_create(label="Load-in 1", event=festival.event)
    festival.gate.devices.add(device)
    vendor_revoke(vendor_id=vendor.pk, actor=festival.staff, reason="Unsafe gas bottles.")
    api.credentials(HTTP_AUTHORIZATION=f"Device {token}")

    answer = api.post("/api/scan/commit/", {"qr": qr, "gate": festival.gate.pk}, format="json")

    assert answer.status_code == 200
    assert answer.json()["status"] == "void"
    assert Scan.objects.get().status == "void"
    assert client_of(vendor.user).get("/api/vendor/setup-qr/?event=summer-fest").status_code == 403


@pytest.mark.django_db(transaction=True)
async def test_a_revoked_vendors_code_is_void_over_the_websocket(
    connect: Any, festival: Festival
) -> None:
    vendor = await sync_to_async(crewed)(festival)
    qr = (await sync_to_async(setup_code_for)(vendor)).qr_payload
    device, token = await sync_to_async(device_create)(label="Load-in 1", event=festival.event)
    await sync_to_async(festival.gate.devices.add)(device)
    client = await connect()
    assert (await client.ask({"type": "auth", "token": token}))["type"] == "auth.ok"

    before = await client.ask({"type": "scan", "gate": festival.gate.pk, "qr": qr,
                               "request_id": "a"})  # fmt: skip
    await sync_to_async(vendor_revoke)(vendor_id=vendor.pk, actor=festival.staff, reason="Gone.")
    after = await client.ask({"type": "scan", "gate": festival.gate.pk, "qr": qr,
                              "request_id": "b"})  # fmt: skip

    assert (before["status"], after["status"]) == ("admitted", "void")


@pytest.mark.django_db
def test_the_vendor_dashboard_shows_its_recent_scans_and_passes(festival: Festival) -> None:
    vendor = crewed(festival)
    scan(festival, setup_code_for(vendor).qr_payload)

    dashboard = client_of(vendor.user).get("/api/vendor/dashboard/?event=summer-fest").json()

    assert dashboard["passes"] == {"allowed": 2, "admitted": 1}
    assert dashboard["setup"]["open"] is True
    assert dashboard["booth"]["code"] == "A-01"
    [row] = dashboard["recent_scans"]
    assert (row["status"], row["gate"]["name"]) == ("admitted", "Load-in gate")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_gates_scanning_a_two_person_crew_at_once_admit_two(festival: Festival) -> None:
    qr = setup_code_for(crewed(festival, "small")).qr_payload

    outcomes = run_together([lambda: scan(festival, qr)["status"] for _ in range(8)])

    assert outcomes == {"admitted": 2, "crew_full": 6}
    assert Vendor.objects.get().crew_admitted == 2
    assert Scan.objects.filter(status="admitted").count() == 2
