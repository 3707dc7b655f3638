"""Staff keep the stages, sponsors and schedule: every change audited, and every change to
what the schedule shows published once, after commit, on ``event:{slug}:schedule`` with the
changed items and the removed ids. A delay moves one performance, or with ``cascade`` the
later ones on its stage that day too, in one frame."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from backend.content.models import Performance, Sponsor, Stage
from backend.content.selectors import iso
from backend.content.services.schedule import performance_delay
from backend.core.models import AuditEntry
from backend.realtime import Published
from tests.content.conftest import Fest, PerformanceFactory, SponsorFactory, StageFactory, png, svg

pytestmark = pytest.mark.django_db(transaction=True)  # publishes go out on commit

TOPIC = "event:fest:schedule"


def frames(captured: list[Published]) -> list[dict[str, Any]]:
    return [dict(p.data) for p in captured if p.topic == TOPIC and p.kind == "schedule"]


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


class TestStages:
    def test_add_list_change_delete(self, fest: Fest, captured_publishes: list[Any]) -> None:
        created = fest.api.post(
            "/api/staff/stages/?event=fest",
            {"name": "Main", "name_ar": "الرئيسي", "x": 50, "y": 22.5},
            format="json",
        )
        assert created.status_code == 201, created.content
        stage_id = created.json()["id"]
        assert created.json() == {"ok": True, "id": stage_id, "name": "Main", "name_ar": "الرئيسي",
                                  "x": 50.0, "y": 22.5, "sort_order": 0}  # fmt: skip

        listed = fest.api.get("/api/staff/stages/?event=fest")
        moved = fest.api.patch(f"/api/staff/stages/{stage_id}/", {"x": 10}, format="json")
        deleted = fest.api.delete(f"/api/staff/stages/{stage_id}/")

        stage = {k: v for k, v in created.json().items() if k != "ok"}
        assert listed.json() == {"ok": True, "stages": [stage]}
        assert moved.json()["x"] == 10.0
        assert moved.json()["y"] == 22.5
        assert deleted.json() == {"ok": True, "id": stage_id}
        assert not Stage.objects.exists()
        assert actions() == ["content.stage_create", "content.stage_update", "content.stage_delete"]
        assert frames(captured_publishes) == []  # no performance changed

    def test_renaming_a_stage_publishes_its_performances(
        self, fest: Fest, captured_publishes: list[Any]
    ) -> None:
        stage = StageFactory(event=fest.event, name="Main")
        acts = [PerformanceFactory(stage=stage, starts_at=fest.at(0, h)) for h in (18, 19)]
        PerformanceFactory(stage=StageFactory(event=fest.event))  # another stage's: unchanged

        fest.api.patch(f"/api/staff/stages/{stage.pk}/", {"name_ar": "الرئيسي"}, format="json")

        [frame] = frames(captured_publishes)
        assert [item["id"] for item in frame["items"]] == [a.pk for a in acts]
        assert {item["stage"]["name_ar"] for item in frame["items"]} == {"الرئيسي"}
        assert frame["removed"] == []

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": "Main", "x": 101, "y": 5}, "x"),
            ({"name": "Main", "x": -0.1, "y": 5}, "x"),
            ({"name": "Main", "x": "50", "y": 5}, "x"),
            ({"name": "Main", "x": 5, "y": True}, "y"),
            ({"name": "Main", "x": 5}, "y"),
            ({"name": "", "x": 5, "y": 5}, "name"),
            ({"name": "n" * 101, "x": 5, "y": 5}, "name"),
            ({"name": "Taken", "x": 5, "y": 5}, "name"),
        ],
    )
    def test_bad_stages_are_refused_naming_the_field(
        self, fest: Fest, body: dict[str, Any], field: str
    ) -> None:
        StageFactory(event=fest.event, name="Taken")

        answer = fest.api.post("/api/staff/stages/?event=fest", body, format="json")

        assert answer.status_code == 400, answer.content
        assert field in answer.json()["error"]["fields"]
        assert Stage.objects.count() == 1

    def test_the_same_name_at_another_event_is_fine(self, fest: Fest) -> None:
        StageFactory(event=fest.other_event, name="Main")

        answer = fest.api.post(
            "/api/staff/stages/?event=fest", {"name": "Main", "x": 1, "y": 2}, format="json"
        )

        assert answer.status_code == 201

    def test_a_stage_with_performances_is_not_deleted(self, fest: Fest) -> None:
        act = PerformanceFactory(stage=StageFactory(event=fest.event))

        answer = fest.api.delete(f"/api/staff/stages/{act.stage_id}/")

        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "stage_has_performances"
        assert Stage.objects.filter(pk=act.stage_id).exists()
        assert actions() == []


class TestSponsors:
    def test_json_and_multipart_with_a_logo(self, fest: Fest, settings: Any) -> None:
        plain = fest.api.post(
            "/api/staff/sponsors/?event=fest",
            {"name": "Oasis Water", "tier": "gold", "url": "https://water.example"},
            format="json",
        )
        with_logo = fest.api.post(
            "/api/staff/sponsors/?event=fest",
            {"name": "Red Sea Telecom", "tier": "title", "sort_order": "2", "logo": png()},
            format="multipart",
        )

        assert plain.status_code == with_logo.status_code == 201, with_logo.content
        assert plain.json()["logo"] is None
        assert with_logo.json()["logo"].startswith("/media/content/sponsors/")
        assert with_logo.json()["sort_order"] == 2
        listed = fest.api.get("/api/staff/sponsors/?event=fest").json()["sponsors"]
        assert [s["name"] for s in listed] == ["Red Sea Telecom", "Oasis Water"]
        assert [s["name"] for s in fest.api.get("/api/events/fest/sponsors/").json()] == [
            "Red Sea Telecom", "Oasis Water",
        ]  # fmt: skip

    def test_change_replace_and_remove_the_logo(self, fest: Fest, settings: Any) -> None:
        sponsor = SponsorFactory(event=fest.event, logo=png("old.png"))
        old = Path(sponsor.logo.path)
        url = f"/api/staff/sponsors/{sponsor.pk}/"

        renamed = fest.api.patch(url, {"name": "New name"}, format="json")
        replaced = fest.api.patch(url, {"logo": png("new.png", color="red")}, format="multipart")
        new = Path(Sponsor.objects.get().logo.path)
        removed = fest.api.patch(url, {"logo": None}, format="json")

        assert renamed.json()["name"] == "New name"
        assert renamed.json()["logo"] == sponsor.logo.url  # kept
        assert replaced.json()["logo"] != sponsor.logo.url
        assert not old.exists()
        assert removed.json()["logo"] is None
        assert not new.exists()
        assert actions() == ["content.sponsor_update"] * 3

    def test_bad_sponsors_are_refused(self, fest: Fest) -> None:
        def post(body: dict[str, Any], fmt: str = "json") -> Any:
            return fest.api.post("/api/staff/sponsors/?event=fest", body, format=fmt)

        for body, field, fmt in [
            ({"name": "X", "logo": svg()}, "logo", "multipart"),
            ({"name": "X", "tier": "diamond"}, "tier", "json"),
            ({"name": "X", "url": "javascript:alert(1)"}, "url", "json"),
            ({"name": "X", "logo": "not a file"}, "logo", "json"),
            ({"tier": "gold"}, "name", "json"),
        ]:
            answer = post(body, fmt)
            assert answer.status_code == 400, (body, answer.content)
            assert field in answer.json()["error"]["fields"], body
        assert not Sponsor.objects.exists()

    def test_delete_takes_the_logo_away(self, fest: Fest) -> None:
        sponsor = SponsorFactory(event=fest.event, logo=png())
        logo = Path(sponsor.logo.path)

        answer = fest.api.delete(f"/api/staff/sponsors/{sponsor.pk}/")

        assert answer.json() == {"ok": True, "id": sponsor.pk}
        assert not logo.exists()
        assert actions() == ["content.sponsor_delete"]


class TestPerformances:
    def test_add_change_delete_each_published(
        self, fest: Fest, captured_publishes: list[Any]
    ) -> None:
        main = StageFactory(event=fest.event, name="Main")
        side = StageFactory(event=fest.event, name="Side")

        created = fest.api.post(
            "/api/staff/schedule/?event=fest",
            {"stage": main.pk, "title": "Desert Echoes", "title_ar": "أصداء",
             "starts_at": "2030-01-01T18:00:00+03:00", "ends_at": "2030-01-01T18:45:00+03:00",
             "performers": ["Aziz", "Lina"]},
            format="json",
        )  # fmt: skip
        assert created.status_code == 201, created.content
        item = created.json()
        pk = item["id"]
        assert (item["starts_at"], item["ends_at"]) == (
            "2030-01-01T15:00:00Z",
            "2030-01-01T15:45:00Z",
        )
        assert (item["status"], item["performers"]) == ("scheduled", ["Aziz", "Lina"])

        swapped = fest.api.patch(f"/api/staff/schedule/{pk}/", {"stage": side.pk}, format="json")
        cancelled = fest.api.patch(
            f"/api/staff/schedule/{pk}/", {"status": "cancelled", "note": "Flight cancelled"},
            format="json",
        )  # fmt: skip
        deleted = fest.api.delete(f"/api/staff/schedule/{pk}/")

        assert swapped.json()["stage"]["name"] == "Side"
        assert cancelled.json()["status"] == "cancelled"
        assert deleted.json() == {"ok": True, "id": pk}
        sent = frames(captured_publishes)
        assert [f["items"][0]["stage"]["name"] for f in sent[:2]] == ["Main", "Side"]
        assert sent[2]["items"][0]["note"] == "Flight cancelled"
        assert sent[3] == {"items": [], "removed": [pk]}
        public = {k: v for k, v in cancelled.json().items() if k not in ("ok", "updated_at")}
        assert sent[2]["items"][0] == public  # the frame's item is the public schedule's
        assert actions() == [
            "content.performance_create", "content.performance_update",
            "content.performance_update", "content.performance_delete",
        ]  # fmt: skip

    def test_staff_list_and_one_day(self, fest: Fest) -> None:
        stage = StageFactory(event=fest.event)
        first = PerformanceFactory(stage=stage, starts_at=fest.at(0, 18))
        second = PerformanceFactory(stage=stage, starts_at=fest.at(1, 18))
        day = fest.at(1, 0).date().isoformat()

        everything = fest.api.get("/api/staff/schedule/?event=fest").json()["items"]
        one_day = fest.api.get(f"/api/staff/schedule/?event=fest&day={day}").json()["items"]

        assert [i["id"] for i in everything] == [first.pk, second.pk]
        assert [i["id"] for i in one_day] == [second.pk]
        assert "updated_at" in one_day[0]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"ends_at": "2030-01-01T17:00:00+03:00"}, "ends_at"),
            ({"starts_at": "2030-01-01T18:45:00+03:00"}, "ends_at"),
            ({"starts_at": "9999-12-31T23:59:59+23:59"}, "starts_at"),
            ({"starts_at": "tomorrow"}, "starts_at"),
            ({"status": "postponed"}, "status"),
            ({"performers": ["x" * 101]}, "performers"),
            ({"performers": [""]}, "performers"),
            ({"performers": ["a"] * 21}, "performers"),
            ({"performers": "Aziz"}, "performers"),
            ({"stage": 10**9}, "stage"),
            ({"title": ""}, "title"),
        ],
    )
    def test_bad_changes_name_the_field_and_change_nothing(
        self, fest: Fest, change: dict[str, Any], field: str, captured_publishes: list[Any]
    ) -> None:
        start = fest.at(0, 18).replace(year=2030, month=1, day=1)  # 2030-01-01 18:00 Riyadh
        act = PerformanceFactory(stage=StageFactory(event=fest.event), starts_at=start)
        captured_publishes.clear()
        before = list(Performance.objects.values())

        answer = fest.api.patch(f"/api/staff/schedule/{act.pk}/", change, format="json")

        assert answer.status_code == 400, answer.content
        assert field in answer.json()["error"]["fields"]
        assert list(Performance.objects.values()) == before
        assert frames(captured_publishes) == []

    def test_a_performance_only_goes_on_a_stage_of_its_event(self, fest: Fest) -> None:
        theirs = StageFactory(event=fest.other_event)
        act = PerformanceFactory(stage=StageFactory(event=fest.event))

        created = fest.api.post(
            "/api/staff/schedule/?event=fest",
            {"stage": theirs.pk, "title": "X", "starts_at": "2030-01-01T18:00:00Z",
             "ends_at": "2030-01-01T19:00:00Z"},
            format="json",
        )  # fmt: skip
        moved = fest.api.patch(f"/api/staff/schedule/{act.pk}/", {"stage": theirs.pk},
                               format="json")  # fmt: skip

        assert created.status_code == moved.status_code == 400
        assert "stage" in moved.json()["error"]["fields"]
        assert Performance.objects.get().stage_id == act.stage_id

    def test_nothing_is_published_for_a_rollback(
        self, fest: Fest, captured_publishes: list[Any]
    ) -> None:
        act = PerformanceFactory(stage=StageFactory(event=fest.event))

        with transaction.atomic():
            performance_delay(performance=act, actor=fest.staff, minutes=10)
            transaction.set_rollback(True)

        assert frames(captured_publishes) == []
        assert Performance.objects.get().status == "scheduled"


class TestDelay:
    def lineup(self, fest: Fest) -> dict[str, Performance]:
        main = StageFactory(event=fest.event, name="Main")
        side = StageFactory(event=fest.event, name="Side")
        return {
            "before": PerformanceFactory(stage=main, starts_at=fest.at(0, 17)),
            "this": PerformanceFactory(stage=main, starts_at=fest.at(0, 18)),
            "later": PerformanceFactory(stage=main, starts_at=fest.at(0, 19)),
            "cancelled": PerformanceFactory(
                stage=main, starts_at=fest.at(0, 20), status=Performance.Status.CANCELLED
            ),
            "last": PerformanceFactory(stage=main, starts_at=fest.at(0, 23, 30)),
            "tomorrow": PerformanceFactory(stage=main, starts_at=fest.at(1, 18)),
            "other stage": PerformanceFactory(stage=side, starts_at=fest.at(0, 19)),
        }

    def starts(self, acts: dict[str, Performance]) -> dict[str, str]:
        return {
            name: iso(Performance.objects.get(pk=act.pk).starts_at) for name, act in acts.items()
        }

    def test_one_performance(self, fest: Fest, captured_publishes: list[Any]) -> None:
        acts = self.lineup(fest)
        before = self.starts(acts)

        answer = fest.api.post(
            f"/api/staff/schedule/{acts['this'].pk}/delay/", {"minutes": 15}, format="json"
        )

        assert answer.status_code == 200, answer.content
        [item] = answer.json()["items"]
        assert (item["id"], item["status"]) == (acts["this"].pk, "delayed")
        assert item["starts_at"] == iso(fest.at(0, 18, 15))
        assert item["ends_at"] == iso(fest.at(0, 19))
        after = self.starts(acts)
        assert {k for k in acts if after[k] != before[k]} == {"this"}
        [frame] = frames(captured_publishes)
        assert [i["id"] for i in frame["items"]] == [acts["this"].pk]

    def test_cascade_moves_the_later_ones_on_that_stage_that_day_in_one_frame(
        self, fest: Fest, captured_publishes: list[Any]
    ) -> None:
        acts = self.lineup(fest)
        before = self.starts(acts)

        answer = fest.api.post(
            f"/api/staff/schedule/{acts['this'].pk}/delay/",
            {"minutes": 30, "cascade": True},
            format="json",
        )

        moved = ["this", "later", "last"]
        assert [i["id"] for i in answer.json()["items"]] == [acts[k].pk for k in moved]
        assert {i["status"] for i in answer.json()["items"]} == {"delayed"}
        after = self.starts(acts)
        assert {k for k in acts if after[k] != before[k]} == set(moved)
        assert after["last"] == iso(fest.at(1, 0))  # past midnight now, still moved
        assert Performance.objects.get(pk=acts["cancelled"].pk).status == "cancelled"
        [frame] = frames(captured_publishes)
        assert [i["id"] for i in frame["items"]] == [acts[k].pk for k in moved]
        assert frame["removed"] == []
        [entry] = AuditEntry.objects.filter(action="content.performance_delay")
        assert entry.after is not None
        assert entry.after["minutes"] == 30
        assert len(entry.after["starts_at"]) == 3

    @pytest.mark.parametrize("minutes", [0, 241, -5, "15", 1.5, None])
    def test_minutes_from_1_to_240(self, fest: Fest, minutes: Any) -> None:
        act = PerformanceFactory(stage=StageFactory(event=fest.event))

        answer = fest.api.post(
            f"/api/staff/schedule/{act.pk}/delay/", {"minutes": minutes}, format="json"
        )

        assert answer.status_code == 400
        assert "minutes" in answer.json()["error"]["fields"]
        assert Performance.objects.get().starts_at == act.starts_at

    def test_the_edges_pass(self, fest: Fest) -> None:
        act = PerformanceFactory(stage=StageFactory(event=fest.event))

        for minutes in (1, 240):
            url = f"/api/staff/schedule/{act.pk}/delay/"
            assert fest.api.post(url, {"minutes": minutes}, format="json").status_code == 200

        moved = Performance.objects.get()
        assert moved.starts_at - act.starts_at == timedelta(minutes=241)

    def test_a_cancelled_performance_is_not_delayed(self, fest: Fest) -> None:
        act = PerformanceFactory(
            stage=StageFactory(event=fest.event), status=Performance.Status.CANCELLED
        )

        answer = fest.api.post(f"/api/staff/schedule/{act.pk}/delay/", {"minutes": 5},
                               format="json")  # fmt: skip

        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "performance_cancelled"
