"""Staff of one event never see or change another's page, stages, sponsors, schedule or
messages: naming the other event is a 403, naming its rows by id a 404, and nothing changes
(no row, no file, no audit entry, no publish). Anonymous callers get 401, signed-in guests 403.
Staff messages: newest first, paged, filtered by handled; marking one handled is audited once."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.content.models import (
    ContactMessage,
    ContentImage,
    EventContent,
    Performance,
    Sponsor,
    Stage,
)
from backend.core.models import AuditEntry
from tests.content.conftest import Fest, PerformanceFactory, SponsorFactory, StageFactory, png
from tests.factories import StaffFactory, UserFactory
from tests.support.bookings import client_of

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/staff/content/?event={slug}",
    "/api/staff/stages/?event={slug}",
    "/api/staff/sponsors/?event={slug}",
    "/api/staff/schedule/?event={slug}",
    "/api/staff/messages/?event={slug}",
]


@pytest.fixture
def theirs(fest: Fest) -> dict[str, Any]:
    """The other festival's rows, which ``fest.api`` (this festival's staff) must not reach."""
    event = fest.other_event
    content = EventContent.objects.create(event=event, tagline="Theirs", map_image=png())
    stage = StageFactory(event=event, name="Their stage")
    return {
        "content": content,
        "image": ContentImage.objects.create(content=content, image=png(), alt="Theirs"),
        "stage": stage,
        "sponsor": SponsorFactory(event=event, name="Their sponsor"),
        "performance": PerformanceFactory(stage=stage, title="Their act"),
        "message": ContactMessage.objects.create(
            event=event, name="V", email="v@example.com", message="Hello"
        ),
    }


def snapshot() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (EventContent, ContentImage, Stage, Sponsor, Performance, ContactMessage)
    ]


def refused(answer: Any, status: int, code: str) -> None:
    assert answer.status_code == status, answer.content
    assert answer.json()["error"]["code"] == code


class TestAnotherEventsStaff:
    @pytest.mark.parametrize("path", LISTS)
    def test_naming_the_other_event_is_403(self, fest: Fest, theirs: Any, path: str) -> None:
        refused(fest.api.get(path.format(slug="other-fest")), 403, "forbidden")

    def test_no_change_through_the_other_event(
        self, fest: Fest, theirs: Any, captured_publishes: list[Any]
    ) -> None:
        before = snapshot()
        q = "?event=other-fest"

        answers = [
            fest.api.patch(f"/api/staff/content/{q}", {"tagline": "Mine now"}, format="json"),
            fest.api.post(f"/api/staff/content/images/{q}", {"image": png(), "alt": "x"},
                          format="multipart"),
            fest.api.put(f"/api/staff/content/map/{q}", {"image": png()}, format="multipart"),
            fest.api.delete(f"/api/staff/content/map/{q}"),
            fest.api.post(f"/api/staff/stages/{q}", {"name": "S", "x": 1, "y": 1}, format="json"),
            fest.api.post(f"/api/staff/sponsors/{q}", {"name": "S"}, format="json"),
            fest.api.post(
                f"/api/staff/schedule/{q}",
                {"stage": theirs["stage"].pk, "title": "X", "starts_at": "2030-01-01T18:00:00Z",
                 "ends_at": "2030-01-01T19:00:00Z"},
                format="json",
            ),
        ]  # fmt: skip

        assert [a.status_code for a in answers] == [403] * len(answers)
        assert snapshot() == before
        assert not AuditEntry.objects.exists()
        assert captured_publishes == []

    def test_the_other_events_rows_by_id_are_404(
        self, fest: Fest, theirs: Any, captured_publishes: list[Any]
    ) -> None:
        before = snapshot()
        image, stage, sponsor = theirs["image"], theirs["stage"], theirs["sponsor"]
        act, message = theirs["performance"], theirs["message"]

        answers = [
            fest.api.delete(f"/api/staff/content/images/{image.pk}/"),
            fest.api.patch(f"/api/staff/stages/{stage.pk}/", {"name": "Mine"}, format="json"),
            fest.api.delete(f"/api/staff/stages/{stage.pk}/"),
            fest.api.patch(f"/api/staff/sponsors/{sponsor.pk}/", {"name": "Mine"}, format="json"),
            fest.api.delete(f"/api/staff/sponsors/{sponsor.pk}/"),
            fest.api.patch(f"/api/staff/schedule/{act.pk}/", {"title": "Mine"}, format="json"),
            fest.api.delete(f"/api/staff/schedule/{act.pk}/"),
            fest.api.post(f"/api/staff/schedule/{act.pk}/delay/", {"minutes": 5}, format="json"),
            fest.api.post(f"/api/staff/messages/{message.pk}/handled/", format="json"),
        ]

        for answer in answers:
            refused(answer, 404, "not_found")
        assert snapshot() == before
        assert not AuditEntry.objects.exists()
        assert captured_publishes == []

    def test_the_lists_show_only_their_own_event(self, fest: Fest, theirs: Any) -> None:
        mine = StageFactory(event=fest.event, name="Mine")

        stages = fest.api.get("/api/staff/stages/?event=fest").json()["stages"]
        sponsors = fest.api.get("/api/staff/sponsors/?event=fest").json()["sponsors"]
        schedule = fest.api.get("/api/staff/schedule/?event=fest").json()["items"]
        messages = fest.api.get("/api/staff/messages/?event=fest").json()["results"]
        content = fest.api.get("/api/staff/content/?event=fest").json()

        assert [s["id"] for s in stages] == [mine.pk]
        assert (sponsors, schedule, messages) == ([], [], [])
        assert (content["tagline"], content["images"], content["map_image"]) == ("", [], None)

    def test_a_performance_is_not_moved_onto_the_other_events_stage(
        self, fest: Fest, theirs: Any
    ) -> None:
        act = PerformanceFactory(stage=StageFactory(event=fest.event))

        answer = fest.api.patch(
            f"/api/staff/schedule/{act.pk}/", {"stage": theirs["stage"].pk}, format="json"
        )

        assert answer.status_code == 400
        assert Performance.objects.get(pk=act.pk).stage.event == fest.event


class TestWhoIsStaff:
    def test_an_unknown_event_is_404(self, fest: Fest) -> None:
        for path in LISTS:
            refused(fest.api.get(path.format(slug="nowhere")), 404, "not_found")

    def test_anonymous_is_401_and_a_guest_403(self, api: APIClient, fest: Fest) -> None:
        guest = client_of(UserFactory())

        for path in LISTS:
            refused(api.get(path.format(slug="fest")), 401, "not_authenticated")
            refused(guest.get(path.format(slug="fest")), 403, "forbidden")
        refused(api.post("/api/staff/stages/?event=fest", {}, format="json"), 401,
                "not_authenticated")  # fmt: skip

    def test_staff_of_every_event_may(self, fest: Fest) -> None:
        everywhere = client_of(StaffFactory(grant__event=None))

        assert everywhere.get("/api/staff/stages/?event=fest").status_code == 200
        assert everywhere.get("/api/staff/stages/?event=other-fest").status_code == 200

    def test_the_event_is_required(self, fest: Fest) -> None:
        answer = fest.api.get("/api/staff/stages/")

        refused(answer, 400, "validation_error")
        assert "event" in answer.json()["error"]["fields"]


class TestMessages:
    def messages(self, fest: Fest, count: int) -> list[ContactMessage]:
        return [
            ContactMessage.objects.create(
                event=fest.event, name=f"V{n}", email=f"v{n}@example.com", message=f"Hello {n}"
            )
            for n in range(count)
        ]

    def test_newest_first_and_paged(self, fest: Fest) -> None:
        made = self.messages(fest, 3)

        first = fest.api.get("/api/staff/messages/?event=fest&page_size=2").json()
        second = fest.api.get("/api/staff/messages/?event=fest&page_size=2&page=2").json()

        assert (first["count"], first["pages"]) == (3, 2)
        assert [m["id"] for m in first["results"] + second["results"]] == [
            m.pk for m in reversed(made)
        ]
        assert first["results"][0] == {
            "id": made[2].pk, "name": "V2", "email": "v2@example.com", "subject": "",
            "message": "Hello 2", "received_at": first["results"][0]["received_at"],
            "handled_at": None,
        }  # fmt: skip

    def test_mark_handled_once_and_filter(self, fest: Fest) -> None:
        made = self.messages(fest, 2)
        url = f"/api/staff/messages/{made[0].pk}/handled/"

        first = fest.api.post(url, format="json")
        again = fest.api.post(url, format="json")

        assert first.status_code == 200
        assert first.json()["handled_at"] is not None
        assert again.json()["handled_at"] == first.json()["handled_at"]
        stored = ContactMessage.objects.get(pk=made[0].pk)
        assert stored.handled_by == fest.staff
        [entry] = AuditEntry.objects.filter(action="content.message_handled")
        assert entry.actor == fest.staff
        handled = fest.api.get("/api/staff/messages/?event=fest&handled=true").json()
        still_open = fest.api.get("/api/staff/messages/?event=fest&handled=false").json()
        every = fest.api.get("/api/staff/messages/?event=fest").json()
        assert [m["id"] for m in handled["results"]] == [made[0].pk]
        assert [m["id"] for m in still_open["results"]] == [made[1].pk]
        assert every["count"] == 2
