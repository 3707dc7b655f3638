"""Staff bind scanning stations to gates: PUT /api/staff/devices/{id}/gates/.

A station scans only at the gates it is bound to, so binding is what lets a new station
work; a station of one event never serves another event's gate.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.accounts.services.devices import device_create, device_revoke
from backend.checkin.models import Gate
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Any:
    return EventFactory()


@pytest.fixture
def staff_api(event: Any) -> APIClient:
    client = APIClient()
    client.credentials(**bearer(sign_in(StaffFactory(grant__event=event))))
    return client


def bind(api: APIClient, device_id: int, gates: Any) -> Any:
    return api.put(f"/api/staff/devices/{device_id}/gates/", {"gates": gates}, format="json")


def station_api(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Device {token}")
    return client


def test_a_bound_station_sees_and_scans_at_its_gates_only(event: Any, staff_api: APIClient) -> None:
    north = Gate.objects.create(event=event, name="North gate")
    south = Gate.objects.create(event=event, name="South gate")
    device, token = device_create(label="Lane 1", event=event)
    station = station_api(token)
    assert station.get(f"/api/events/{event.slug}/gates/").json()["gates"] == []

    answer = bind(staff_api, device.pk, [south.pk, north.pk])

    assert answer.status_code == 200
    assert answer.json() == {
        "ok": True,
        "device": device.pk,
        "gates": [{"id": north.pk, "name": "North gate"}, {"id": south.pk, "name": "South gate"}],
    }
    seen = station.get(f"/api/events/{event.slug}/gates/").json()["gates"]
    assert {gate["id"] for gate in seen} == {north.pk, south.pk}
    listed = staff_api.get("/api/staff/devices/").json()["devices"][0]
    assert listed["gates"] == [
        {"id": north.pk, "name": "North gate"},
        {"id": south.pk, "name": "South gate"},
    ]

    # Rebinding replaces the list: the station no longer scans at the north gate.
    assert bind(staff_api, device.pk, [south.pk]).status_code == 200
    refused = station.post("/api/scan/validate/", {"qr": "GH1X", "gate": north.pk}, format="json")
    assert refused.status_code == 403
    assert bind(staff_api, device.pk, []).json()["gates"] == []
    assert list(device.gates.all()) == []


def test_a_gate_of_another_event_is_refused_and_nothing_changes(
    event: Any, staff_api: APIClient
) -> None:
    own = Gate.objects.create(event=event, name="North gate")
    elsewhere = Gate.objects.create(event=EventFactory(), name="Their gate")
    device, _ = device_create(label="Lane 1", event=event)
    own.devices.add(device)

    answer = bind(staff_api, device.pk, [own.pk, elsewhere.pk])

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"
    assert str(elsewhere.pk) in answer.json()["error"]["fields"]["gates"][0]
    assert list(device.gates.all()) == [own]


def test_a_missing_gate_is_refused(event: Any, staff_api: APIClient) -> None:
    device, _ = device_create(label="Lane 1", event=event)

    answer = bind(staff_api, device.pk, [999_999])

    assert answer.status_code == 400


@pytest.mark.parametrize("gates", [None, "3", ["3"], [True], [0], [-1], {"id": 3}, [1.5]])
def test_bad_lists_are_400(event: Any, staff_api: APIClient, gates: Any) -> None:
    device, _ = device_create(label="Lane 1", event=event)

    answer = bind(staff_api, device.pk, gates)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"


def test_a_revoked_station_cannot_be_bound(event: Any, staff_api: APIClient) -> None:
    gate = Gate.objects.create(event=event, name="North gate")
    device, _ = device_create(label="Lane 1", event=event)
    device_revoke(device=device)

    answer = bind(staff_api, device.pk, [gate.pk])

    assert answer.status_code == 400
    assert list(device.gates.all()) == []


def test_staff_of_another_event_do_not_find_the_station(event: Any) -> None:
    gate = Gate.objects.create(event=event, name="North gate")
    device, _ = device_create(label="Lane 1", event=event)
    outsider = APIClient()
    outsider.credentials(**bearer(sign_in(StaffFactory(grant__event=EventFactory()))))

    answer = bind(outsider, device.pk, [gate.pk])

    assert answer.status_code == 404
    assert list(device.gates.all()) == []


def test_guests_and_stations_may_not_bind(event: Any) -> None:
    gate = Gate.objects.create(event=event, name="North gate")
    device, token = device_create(label="Lane 1", event=event)

    assert bind(APIClient(), device.pk, [gate.pk]).status_code == 401
    assert bind(station_api(token), device.pk, [gate.pk]).status_code in (401, 403)
    assert list(device.gates.all()) == []
