"""Offline stations: the gate's bundle (with an ETag) and syncing queued scans, where the
earliest admission wins and the rest come back as conflicts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from backend.checkin.models import Gate, Scan
from backend.checkin.selectors import gate_counts
from backend.checkin.services.offline import CLOCK_SKEW, OLDEST_OFFLINE_SCAN, offline_sync
from backend.checkin.services.scans import Station
from backend.core.errors import ValidationError
from backend.tickets import codes
from tests.factories import StaffFactory
from tests.support.bookings import client_of
from tests.support.checkin import qr_of

pytestmark = pytest.mark.django_db


def bundle_url(gate: Gate) -> str:
    return f"/api/scan/gates/{gate.pk}/offline-bundle/"


def sync(station: Any, gate: Gate, *scans: tuple[str, Any, str]) -> list[dict[str, Any]]:
    body = {
        "gate": gate.pk,
        "scans": [
            {"qr": qr, "scanned_at": at.isoformat(), "request_id": rid} for qr, at, rid in scans
        ],
    }
    answer = station.client().post("/api/scan/sync/", body, format="json")
    assert answer.status_code == 200, answer.json()
    return answer.json()["results"]


def test_the_bundle_has_the_keys_and_every_ticket(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    answer = station.client().get(bundle_url(gate))
    bundle = answer.json()

    assert answer["ETag"]
    assert [t["id"] for t in bundle["tickets"]] == [t.pk for t in tickets]
    assert {t["status"] for t in bundle["tickets"]} == {"valid"}
    assert bundle["public_keys"] == {str(k): v for k, v in codes.public_keys().items()}
    assert bundle["revoked"] == []


def test_the_etag_saves_a_download_until_something_changes(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    client = station.client()
    etag = client.get(bundle_url(gate))["ETag"]

    unchanged = client.get(bundle_url(gate), HTTP_IF_NONE_MATCH=etag)
    tickets[0].status = "void"
    tickets[0].save()
    changed = client.get(bundle_url(gate), HTTP_IF_NONE_MATCH=etag)

    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert changed.json()["revoked"] == [tickets[0].pk]


def test_an_offline_scan_verifies_with_the_bundles_public_key(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    """What a station does offline: check the signature with the public key alone."""
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    bundle = station.client().get(bundle_url(gate)).json()
    qr = qr_of(tickets[0])
    raw = base64.b32decode(qr[3:] + "=" * (-len(qr[3:]) % 8))
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(bundle["public_keys"][str(raw[1])]))

    key.verify(raw[12:], raw[:12])  # raises if the code was forged


def test_conflicting_offline_scans_from_two_stations(
    gate: Gate, tickets: list[Any], stations: Any
) -> None:
    north, south = stations(2)
    qr = qr_of(tickets[0])
    now = timezone.now()

    later = sync(north, gate, (qr, now - timedelta(minutes=1), "n-1"))
    earlier = sync(south, gate, (qr, now - timedelta(minutes=5), "s-1"))

    assert later[0]["status"] == "admitted"  # as far as anyone knew then
    assert earlier[0]["status"] == "admitted"  # the earliest admission wins
    displaced = Scan.objects.get(request_id="n-1")
    assert displaced.status == "already_used"
    assert displaced.answer["conflict"] is True
    tickets[0].refresh_from_db()
    assert tickets[0].admitted_at == now - timedelta(minutes=5)
    assert Scan.objects.filter(status="admitted").count() == 1
    assert gate_counts(gate.pk) == {"admitted": 1, "rejected": 1}  # the log's own figures


def test_a_queue_is_replayed_in_time_order(station: Any, gate: Gate, tickets: list[Any]) -> None:
    qr = qr_of(tickets[0])
    now = timezone.now()

    results = sync(
        station,
        gate,
        (qr, now - timedelta(seconds=10), "b"),
        (qr, now - timedelta(seconds=30), "a"),
    )

    assert [r["status"] for r in results] == ["already_used", "admitted"]
    assert results[0]["conflict"] is True


def test_syncing_again_answers_as_before(station: Any, gate: Gate, tickets: list[Any]) -> None:
    scan = (qr_of(tickets[0]), timezone.now() - timedelta(minutes=1), "st-9")

    first = sync(station, gate, scan)
    again = sync(station, gate, scan)

    assert again == first
    assert Scan.objects.count() == 1


def test_an_online_scan_after_an_offline_admission_is_already_used(
    station: Any, gate: Gate, tickets: list[Any]
) -> None:
    sync(station, gate, (qr_of(tickets[0]), timezone.now() - timedelta(minutes=2), "o-1"))

    online = station.client().post(
        "/api/scan/commit/", {"qr": qr_of(tickets[0]), "gate": gate.pk}, format="json"
    )

    assert online.json()["status"] == "already_used"


@pytest.mark.parametrize(
    ("age", "accepted"),
    [
        (OLDEST_OFFLINE_SCAN, True),
        (OLDEST_OFFLINE_SCAN + timedelta(seconds=1), False),
        (-CLOCK_SKEW, True),
        (-CLOCK_SKEW - timedelta(seconds=1), False),
    ],
    ids=["3-days-old", "older", "5-min-ahead", "further-ahead"],
)
def test_scan_times_are_taken_up_to_their_limits(
    station: Any, gate: Gate, tickets: list[Any], age: timedelta, accepted: bool
) -> None:
    now = timezone.now()
    scans = [{"qr": qr_of(tickets[0]), "scanned_at": now - age, "request_id": "edge"}]

    if accepted:
        [answer] = offline_sync(gate=gate, station=Station(station.device), scans=scans, now=now)
        assert answer["status"] == "admitted"
    else:
        with pytest.raises(ValidationError):
            offline_sync(gate=gate, station=Station(station.device), scans=scans, now=now)
        assert not Scan.objects.exists()


def test_a_sync_takes_at_most_1000_scans(station: Any, gate: Gate) -> None:
    at = timezone.now().isoformat()
    body = {"gate": gate.pk, "scans": [{"qr": "forged", "scanned_at": at}] * 1001}

    refused = station.client().post("/api/scan/sync/", body, format="json")
    body["scans"] = body["scans"][:1000]
    taken = station.client().post("/api/scan/sync/", body, format="json")

    assert refused.status_code == 400
    assert taken.status_code == 200
    assert Scan.objects.count() == 1000


def test_staff_of_the_event_may_download_a_bundle_and_guests_may_not(
    gate: Gate, tickets: list[Any], shop: Any, guest_api: Any
) -> None:
    staff = client_of(StaffFactory(grant__event=shop.event))

    assert staff.get(bundle_url(gate)).status_code == 200
    assert guest_api.get(bundle_url(gate)).status_code == 403


def test_a_sync_publishes_each_scan_then_the_gates_counts(
    station: Any,
    gate: Gate,
    tickets: list[Any],
    captured_publishes: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        sync(
            station,
            gate,
            (qr_of(tickets[0]), now - timedelta(minutes=2), "q-1"),
            (qr_of(tickets[0]), now - timedelta(minutes=1), "q-2"),
            (qr_of(tickets[1]), now - timedelta(minutes=1), "q-3"),
        )

    assert {p.topic for p in captured_publishes} == {f"gate:{gate.pk}"}
    scans = [(p.data["status"], p.data["ticket"]["id"]) for p in captured_publishes[:-1]]
    assert scans == [
        ("admitted", tickets[0].pk),
        ("already_used", tickets[0].pk),
        ("admitted", tickets[1].pk),
    ]
    assert all(p.kind == "scan" and p.data["offline"] is True for p in captured_publishes[:-1])
    last = captured_publishes[-1]
    assert (last.kind, dict(last.data)) == ("counts", {"admitted": 2, "rejected": 1})
