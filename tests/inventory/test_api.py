"""The inventory REST API: events, availability with its position, holds for their owner."""

from __future__ import annotations

import zoneinfo
from typing import Any

import pytest
from django.utils import timezone

from backend.inventory.models import Event, Hold
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fest() -> Any:
    event = EventFactory(slug="summer-fest", name="Summer Fest", max_quantity_per_hold=5)
    ticket = ResourceFactory(event=event, name="General", units=10, price="150.00")
    return event, SlotFactory(resource=ticket)


def hold(api: Any, user_pair: Any, slot: Any, quantity: int = 1, event: str = "summer-fest") -> Any:
    return api.post(
        "/api/holds/",
        {"event": event, "items": [{"slot": slot.pk, "quantity": quantity}]},
        format="json",
        **bearer(user_pair),
    )


class TestEvents:
    def test_the_list_shows_events_on_sale_not_drafts(self, api: Any, fest: Any) -> None:
        EventFactory(slug="secret", status=Event.Status.DRAFT)

        answer = api.get("/api/events/")

        assert answer.status_code == 200
        assert [e["slug"] for e in answer.json()["events"]] == ["summer-fest"]
        assert answer.json()["events"][0]["venue"]["time_zone"] == "Asia/Riyadh"

    def test_the_list_filters_by_kind(self, api: Any, fest: Any) -> None:
        EventFactory(slug="rooms", kind=Event.Kind.ROOMS)

        rooms = api.get("/api/events/?kind=rooms").json()["events"]
        bad = api.get("/api/events/?kind=spaceship")

        assert [e["slug"] for e in rooms] == ["rooms"]
        assert bad.status_code == 400
        assert "kind" in bad.json()["error"]["fields"]

    def test_an_event_with_its_resources(self, api: Any, fest: Any) -> None:
        answer = api.get("/api/events/summer-fest/")

        assert answer.status_code == 200
        assert [(r["name"], r["price"], r["units"]) for r in answer.json()["resources"]] == [
            ("General", "150.00", 10)
        ]

    def test_unknown_and_draft_events_are_not_found(self, api: Any) -> None:
        EventFactory(slug="secret", status=Event.Status.DRAFT)

        assert api.get("/api/events/nope/").status_code == 404
        assert api.get("/api/events/secret/").status_code == 404


class TestAvailability:
    def test_slots_with_numbers_and_the_topic_position(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        hold(api, sign_in(UserFactory()), slot, 3)

        answer = api.get("/api/events/summer-fest/availability/")

        body = answer.json()
        assert answer.status_code == 200
        assert body["topic"] == "event:summer-fest:availability"
        assert isinstance(body["seq"], int)
        assert body["epoch"]
        assert body["slots"] == [
            {
                "id": slot.pk,
                "resource": slot.resource_id,
                "starts_at": slot.starts_at.isoformat().replace("+00:00", "Z"),
                "ends_at": slot.ends_at.isoformat().replace("+00:00", "Z"),
                "capacity": 10,
                "available": 7,
                "version": 1,
                "price": "150.00",
            }
        ]

    def test_a_date_range_selects_slots(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        # Dates in the query are the venue's days, not the server's (UTC).
        day = slot.starts_at.astimezone(
            zoneinfo.ZoneInfo(slot.resource.event.venue.time_zone)
        ).date()

        inside = api.get(f"/api/events/summer-fest/availability/?from={day}&to={day}")
        after = api.get(
            f"/api/events/summer-fest/availability/?from={day.replace(year=day.year + 1)}"
        )

        assert [s["id"] for s in inside.json()["slots"]] == [slot.pk]
        assert after.json()["slots"] == []

    @pytest.mark.parametrize(
        "query",
        ["from=yesterday", "from=2026-13-40", "from=2026-12-05&to=2026-12-01", "to=" + "9" * 50],
    )
    def test_bad_ranges_are_validation_errors(self, api: Any, fest: Any, query: str) -> None:
        answer = api.get(f"/api/events/summer-fest/availability/?{query}")

        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "validation_error"


class TestHolds:
    def test_create_read_extend_release(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        owner = sign_in(UserFactory())

        created = hold(api, owner, slot, 2)
        hold_id = created.json()["id"]
        read = api.get(f"/api/holds/{hold_id}/", **bearer(owner))
        extended = api.post(f"/api/holds/{hold_id}/extend/", **bearer(owner))
        extended_again = api.post(f"/api/holds/{hold_id}/extend/", **bearer(owner))
        released = api.delete(f"/api/holds/{hold_id}/", **bearer(owner))
        released_again = api.delete(f"/api/holds/{hold_id}/", **bearer(owner))

        assert created.status_code == 201
        body = created.json()
        assert (body["status"], body["total"], body["currency"]) == ("active", "300.00", "SAR")
        assert 599 <= body["remaining_seconds"] <= 600
        assert body["items"][0]["slot"] == slot.pk
        assert body["items"][0]["quantity"] == 2
        assert body["topic"] == f"hold:{hold_id}"
        assert read.json()["id"] == hold_id
        assert extended.status_code == 200
        assert extended.json()["extensions_left"] == 0
        assert extended_again.status_code == 409
        assert extended_again.json()["error"]["code"] == "hold_extension_limit"
        assert released.json()["status"] == "released"
        assert released_again.status_code == 409

    def test_sold_out_is_409_naming_what_is_left(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        hold(api, sign_in(UserFactory()), slot, 5)
        hold(api, sign_in(UserFactory()), slot, 4)

        answer = hold(api, sign_in(UserFactory()), slot, 2)

        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "sold_out"
        assert answer.json()["error"]["slots"] == [{"id": slot.pk, "requested": 2, "available": 1}]

    def test_a_second_live_hold_is_refused(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        owner = sign_in(UserFactory())
        first = hold(api, owner, slot)

        second = hold(api, owner, slot)

        assert second.status_code == 409
        assert second.json()["error"]["code"] == "hold_limit"
        assert second.json()["error"]["holds"] == [first.json()["id"]]

    def test_holds_are_their_owners_alone(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        hold_id = hold(api, sign_in(UserFactory()), slot).json()["id"]
        stranger = sign_in(UserFactory())

        assert api.get(f"/api/holds/{hold_id}/", **bearer(stranger)).status_code == 404
        assert api.delete(f"/api/holds/{hold_id}/", **bearer(stranger)).status_code == 404
        assert api.post(f"/api/holds/{hold_id}/extend/", **bearer(stranger)).status_code == 404
        assert Hold.objects.get(pk=hold_id).status == "active"

    def test_my_running_holds_are_listed_per_event_and_no_one_elses(
        self, api: Any, fest: Any
    ) -> None:
        _event, slot = fest
        other = EventFactory(slug="other-fest", max_quantity_per_hold=5)
        other_slot = SlotFactory(resource=ResourceFactory(event=other, units=5))
        owner = sign_in(UserFactory())
        mine = hold(api, owner, slot, 2).json()["id"]
        elsewhere = hold(api, owner, other_slot, event="other-fest").json()["id"]
        hold(api, sign_in(UserFactory()), slot)  # a stranger's hold is never listed

        every = api.get("/api/holds/", **bearer(owner))
        for_fest = api.get("/api/holds/?event=summer-fest", **bearer(owner))
        unknown = api.get("/api/holds/?event=nope", **bearer(owner))

        assert every.status_code == 200
        assert [item["id"] for item in every.json()["holds"]] == [mine, elsewhere]
        listed = for_fest.json()["holds"]
        assert [item["id"] for item in listed] == [mine]
        assert listed[0]["items"][0]["slot"] == slot.pk
        assert listed[0]["items"][0]["quantity"] == 2
        assert listed[0]["status"] == "active"
        assert unknown.json() == {"ok": True, "holds": []}

    def test_ended_and_expired_holds_are_not_running(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        owner = sign_in(UserFactory())
        released = hold(api, owner, slot).json()["id"]
        api.delete(f"/api/holds/{released}/", **bearer(owner))
        expired = hold(api, owner, slot).json()["id"]
        Hold.objects.filter(pk=expired).update(expires_at=timezone.now())

        answer = api.get("/api/holds/?event=summer-fest", **bearer(owner))

        assert answer.json()["holds"] == []

    def test_listing_holds_needs_a_signed_in_person_and_a_well_formed_slug(
        self, api: Any, fest: Any
    ) -> None:
        owner = sign_in(UserFactory())

        assert api.get("/api/holds/").status_code == 401
        bad = api.get("/api/holds/?event=not a slug!", **bearer(owner))
        assert bad.status_code == 400
        assert bad.json()["error"]["code"] == "validation_error"

    def test_holding_needs_a_signed_in_person(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        body = {"event": "summer-fest", "items": [{"slot": slot.pk}]}

        assert api.post("/api/holds/", body, format="json").status_code == 401

    def test_an_expired_hold_reads_as_expired_before_any_sweep(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        owner = sign_in(UserFactory())
        hold_id = hold(api, owner, slot).json()["id"]
        Hold.objects.filter(pk=hold_id).update(expires_at=timezone.now())

        read = api.get(f"/api/holds/{hold_id}/", **bearer(owner))
        extend = api.post(f"/api/holds/{hold_id}/extend/", **bearer(owner))

        assert read.json()["status"] == "expired"
        assert read.json()["remaining_seconds"] == 0
        assert extend.status_code == 410
        assert extend.json()["error"]["code"] == "hold_expired"

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"event": "summer-fest"},
            {"event": "summer-fest", "items": []},
            {"event": "summer-fest", "items": "slot 1"},
            {"event": "summer-fest", "items": [{"slot": "1"}]},
            {"event": "summer-fest", "items": [{"slot": 1, "quantity": 0}]},
            {"event": "summer-fest", "items": [{"slot": 1, "quantity": True}]},
            {"event": "summer-fest", "items": [{"slot": 10**12}]},
            {"event": 5, "items": [{"slot": 1}]},
        ],
    )
    def test_bad_input_is_a_validation_error_and_holds_nothing(
        self, api: Any, fest: Any, body: dict[str, Any]
    ) -> None:
        answer = api.post("/api/holds/", body, format="json", **bearer(sign_in(UserFactory())))

        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "validation_error"
        assert Hold.objects.count() == 0

    def test_unknown_event_and_malformed_hold_ids(self, api: Any, fest: Any) -> None:
        _event, slot = fest
        owner = sign_in(UserFactory())

        assert hold(api, owner, slot, event="nope").status_code == 404
        assert api.get("/api/holds/not-a-uuid/", **bearer(owner)).status_code == 404
