"""Input the database or Python cannot hold is a 4xx naming the field, before it reaches them:
deep JSON, ids past the bigint range (in bodies, query strings, paths), dates outside the
API's window; and draft events stay invisible to every public lookup."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.urls import resolve
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.test import APIClient

from backend.accounts.services.devices import device_create
from backend.bookings.models import Booking
from backend.core.api import api_not_found
from backend.core.fields import ID_MAX, IdField, StrictIntegerField, WindowDateField
from backend.inventory.models import Event, Hold
from tests.factories import EventFactory, UserFactory
from tests.support.bookings import client_of
from tests.support.db_ints import refuse_ints_past_bigint

pytestmark = pytest.mark.django_db

DEEP_TEXT = "[" * 100_000 + "]" * 100_000


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = {"k": value}
    return value


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == code
    return body["error"]


@pytest.fixture(autouse=True)
def _no_overflowing_ints(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_ints_past_bigint(monkeypatch)  # as SQLite, the embedded default, would


@pytest.fixture
def root() -> APIClient:
    return client_of(UserFactory(is_superuser=True))


# --- deep JSON --------------------------------------------------------------------------


@pytest.mark.parametrize("body", [DEEP_TEXT, json.dumps({"phone": nested(40)})])
def test_a_deeply_nested_body_is_a_bad_request(api: APIClient, body: str) -> None:
    response = api.post("/api/auth/otp/request/", body, content_type="application/json")

    assert "nested deeper than 32 levels" in error_of(response, 400, "bad_request")["message"]


def test_deep_details_in_an_otherwise_valid_booking_change_nothing(
    shop: Any, guest: Any, guest_api: APIClient
) -> None:
    hold = shop.hold(guest)
    body = {"hold": str(hold.pk), "details": {"holders": ["Sara"], "notes": nested(40)}}

    response = guest_api.post("/api/bookings/", body, format="json")

    error_of(response, 400, "bad_request")
    assert not Booking.objects.exists()
    assert Hold.objects.get(pk=hold.pk).status == Hold.Status.ACTIVE


# --- ids --------------------------------------------------------------------------------


def test_integer_fields_are_bounded_to_the_bigint_range_unless_told_otherwise() -> None:
    class Input(serializers.Serializer):
        anything = StrictIntegerField(required=False)
        some_id = IdField(required=False)
        small = StrictIntegerField(required=False, max_value=10)

    def errors(**data: Any) -> set[str]:
        serializer = Input(data=data)
        serializer.is_valid()
        return set(serializer.errors)

    assert errors(anything=ID_MAX, some_id=ID_MAX, small=10) == set()
    assert errors(anything=ID_MAX + 1, some_id=ID_MAX + 1, small=11) == {
        "anything",
        "some_id",
        "small",
    }
    assert errors(anything=-(2**63)) == set()
    assert errors(anything=-(2**63) - 1, some_id=0) == {"anything", "some_id"}


@pytest.mark.parametrize("slot", [2**63, 2**64, 0, -1])
def test_a_hold_for_an_impossible_slot_id_is_a_validation_error(
    shop: Any, guest_api: APIClient, slot: int
) -> None:
    body = {"event": shop.event.slug, "items": [{"slot": slot, "quantity": 1}]}

    response = guest_api.post("/api/holds/", body, format="json")

    assert "items" in error_of(response, 400, "validation_error")["fields"]
    assert not Hold.objects.exists()


def test_a_scan_log_filtered_by_an_impossible_gate_is_a_validation_error(root: APIClient) -> None:
    response = root.get(f"/api/scan/logs/?gate={2**64}")

    assert "gate" in error_of(response, 400, "validation_error")["fields"]


def test_binding_a_station_to_an_impossible_gate_is_a_validation_error(root: APIClient) -> None:
    device, _ = device_create(label="Lane 1", event=EventFactory())

    response = root.put(f"/api/staff/devices/{device.pk}/gates/", {"gates": [2**64]}, format="json")

    assert "gates" in error_of(response, 400, "validation_error")["fields"]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_a_path_id_no_row_can_have_is_the_json_404_of_unknown_paths(
    root: APIClient, method: str
) -> None:
    beyond = f"/api/tickets/{ID_MAX + 1}/"

    response = getattr(root, method)(beyond)

    assert resolve(beyond).func is api_not_found
    assert resolve(f"/api/tickets/{ID_MAX}/").url_name == "ticket"
    assert "No API endpoint" in error_of(response, 404, "not_found")["message"]
    assert resolve("/api/tickets/0/").func is api_not_found


def test_the_schema_documents_path_ids_as_bounded_integers() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = schema["paths"]["/api/tickets/{ticket_id}/"]["get"]["parameters"]

    (ticket_id,) = [p for p in parameters if p["name"] == "ticket_id"]
    assert ticket_id["schema"] == {
        "type": "integer",
        "format": "int64",
        "minimum": 1,
        "maximum": ID_MAX,
    }


# --- dates ------------------------------------------------------------------------------


def test_a_date_field_keeps_to_the_window() -> None:
    field = WindowDateField()

    assert str(field.run_validation("2000-01-01")) == "2000-01-01"
    assert str(field.run_validation("2100-12-31")) == "2100-12-31"
    for outside in ("1999-12-31", "2101-01-01", "0001-01-01", "9999-12-31"):
        with pytest.raises(serializers.ValidationError, match="2000-01-01 to 2100-12-31"):
            field.run_validation(outside)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("to=9999-12-31", "to"),
        ("from=0001-01-01", "from"),
        ("from=1999-12-31T23:00:00", "from"),
        ("from=2026-12-01&to=2101-01-01", "to"),
        ("from=2026-12-05&to=2026-12-01", "to"),
    ],
)
def test_an_availability_range_outside_the_window_names_its_field(
    api: APIClient, shop: Any, query: str, field: str
) -> None:
    response = api.get(f"/api/events/{shop.event.slug}/availability/?{query}")

    assert list(error_of(response, 400, "validation_error")["fields"]) == [field]


@pytest.mark.parametrize(
    "query", ["from=2000-01-01&to=2100-12-31", "from=2026-12-05T10:00:00%2B23:59"]
)
def test_an_availability_range_inside_the_window_answers(
    api: APIClient, shop: Any, query: str
) -> None:
    response = api.get(f"/api/events/{shop.event.slug}/availability/?{query}")

    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(
    ("check_in", "check_out", "field"),
    [
        ("{soon}", "9999-12-31", "check_out"),
        ("2101-01-01", "2101-01-03", "check_in"),
        ("0001-01-01", "{soon}", "check_in"),
    ],
)
def test_a_stay_search_outside_the_window_names_its_field(
    api: APIClient, check_in: str, check_out: str, field: str
) -> None:
    soon = str(timezone.localdate() + timedelta(days=3))
    query = f"location=goa&check_in={check_in}&check_out={check_out}".replace("{soon}", soon)

    response = api.get(f"/api/search/stays/?{query}")

    fields = error_of(response, 400, "validation_error")["fields"]
    assert "2000-01-01 to 2100-12-31" in fields[field][0]


# --- draft events -----------------------------------------------------------------------


def test_no_public_lookup_resolves_a_draft_event(
    api: APIClient, shop: Any, guest_api: APIClient
) -> None:
    Event.objects.filter(pk=shop.event.pk).update(status=Event.Status.DRAFT)
    slug = shop.event.slug

    listed = api.get("/api/events/").json()["events"]
    detail = api.get(f"/api/events/{slug}/")
    availability = api.get(f"/api/events/{slug}/availability/")
    hold = guest_api.post(
        "/api/holds/", {"event": slug, "items": [{"slot": shop.slot.pk}]}, format="json"
    )

    assert listed == []
    for response in (detail, availability, hold):
        error_of(response, 404, "not_found")
    assert not Hold.objects.exists()
