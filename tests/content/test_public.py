"""The event's public pages for anyone: the page with its map (stages and the vendors' booths),
the sponsors in tier order, the schedule by time and stage (one day in the venue's zone), and
404 for an unknown or draft event."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.content.models import (
    ContentImage,
    ContentLink,
    EventContent,
    FaqEntry,
    Performance,
    Sponsor,
)
from backend.content.selectors import iso
from backend.vendors.models import Booth, Vendor
from tests.content.conftest import (
    Fest,
    PerformanceFactory,
    SponsorFactory,
    StageFactory,
    png,
)
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

EMPTY_PAGE = {
    "ok": True,
    "event": "fest",
    "tagline": "",
    "tagline_ar": "",
    "description": "",
    "description_ar": "",
    "images": [],
    "faq": [],
    "links": [],
    "map": {"image": None, "stages": [], "booths": []},
}


def not_found(answer: Any) -> None:
    assert answer.status_code == 404, answer.content
    assert answer.json()["ok"] is False
    assert answer.json()["error"]["code"] == "not_found"


class TestPage:
    def test_an_event_without_a_page_answers_the_same_shape_empty(
        self, api: APIClient, fest: Fest
    ) -> None:
        answer = api.get("/api/events/fest/content/")

        assert answer.status_code == 200
        assert answer.json() == EMPTY_PAGE

    def test_the_page_with_its_pictures_faq_links_and_map(self, api: APIClient, fest: Fest) -> None:
        content = EventContent.objects.create(
            event=fest.event, tagline="Two days", tagline_ar="يومان", description="Music",
            description_ar="موسيقى", map_image=png("map.png"),
        )  # fmt: skip
        second = ContentImage.objects.create(content=content, image=png(), alt="B", sort_order=2)
        first = ContentImage.objects.create(
            content=content, image=png(), alt="A", alt_ar="أ", sort_order=1
        )
        faq = FaqEntry.objects.create(content=content, question="Q?", answer="A.")
        link = ContentLink.objects.create(content=content, label="Map", url="https://x.example")
        stage = StageFactory(event=fest.event, name="Main", name_ar="الرئيسي", x=12.5, y=80)

        body = api.get("/api/events/fest/content/").json()

        assert body["tagline"] == "Two days"
        assert body["description_ar"] == "موسيقى"
        assert [i["id"] for i in body["images"]] == [first.pk, second.pk]
        assert body["images"][0] == {
            "id": first.pk, "url": first.image.url, "alt": "A", "alt_ar": "أ",
        }  # fmt: skip
        assert body["images"][0]["url"].startswith("/media/")
        assert body["faq"] == [{"id": faq.pk, "question": "Q?", "question_ar": "",
                                "answer": "A.", "answer_ar": ""}]  # fmt: skip
        assert body["links"] == [
            {"id": link.pk, "label": "Map", "label_ar": "", "url": "https://x.example"}
        ]
        assert body["map"]["image"] == content.map_image.url
        assert body["map"]["stages"] == [
            {"id": stage.pk, "name": "Main", "name_ar": "الرئيسي", "x": 12.5, "y": 80.0}
        ]

    def test_the_picture_is_served_at_its_url(self, api: APIClient, fest: Fest) -> None:
        content = EventContent.objects.create(event=fest.event)
        ContentImage.objects.create(content=content, image=png(), alt="A")
        url = api.get("/api/events/fest/content/").json()["images"][0]["url"]

        served = api.get(url)

        assert served.status_code == 200
        assert served["Content-Type"] == "image/png"
        assert served["X-Content-Type-Options"] == "nosniff"

    def test_the_map_carries_the_vendors_booths(self, api: APIClient, fest: Fest) -> None:
        vendor = Vendor.objects.create(
            event=fest.event, user=UserFactory(), name="Date Palm Coffee", category="drinks",
            contact_email="coffee@example.com", status=Vendor.Status.APPROVED,
        )  # fmt: skip
        booth = Booth.objects.create(
            event=fest.event, code="F-01", zone="Food court", x=Decimal("8.5"), y=Decimal(68),
            vendor=vendor,
        )  # fmt: skip
        Booth.objects.create(event=fest.event, code="F-02", zone="Food court")

        booths = api.get("/api/events/fest/content/").json()["map"]["booths"]

        mine = next(b for b in booths if b["id"] == booth.pk)
        assert (mine["code"], mine["x"], mine["y"]) == ("F-01", 8.5, 68.0)
        assert mine["vendor"]["name"] == "Date Palm Coffee"
        assert next(b for b in booths if b["code"] == "F-02")["vendor"] is None

    def test_another_events_rows_stay_out(self, api: APIClient, fest: Fest) -> None:
        EventContent.objects.create(event=fest.other_event, tagline="Theirs")
        StageFactory(event=fest.other_event)

        assert api.get("/api/events/fest/content/").json() == EMPTY_PAGE

    def test_an_unknown_or_draft_event_is_404(self, api: APIClient, fest: Fest) -> None:
        EventFactory(slug="drafty", status="draft")

        for path in ("content", "sponsors", "schedule"):
            not_found(api.get(f"/api/events/nowhere/{path}/"))
            not_found(api.get(f"/api/events/drafty/{path}/"))


class TestSponsors:
    def test_by_tier_then_order_then_name(self, api: APIClient, fest: Fest) -> None:
        def sponsor(name: str, tier: str, order: int = 0) -> Sponsor:
            return SponsorFactory(event=fest.event, name=name, tier=tier, sort_order=order)

        partner = sponsor("Aardvark Arts", Sponsor.Tier.PARTNER)
        gold_b = sponsor("Beta", Sponsor.Tier.GOLD)
        gold_a = sponsor("Alpha", Sponsor.Tier.GOLD)
        gold_first = sponsor("Zulu", Sponsor.Tier.GOLD, order=-1)
        title = sponsor("Telecom", Sponsor.Tier.TITLE, order=5)
        bronze = sponsor("Bronze Co", Sponsor.Tier.BRONZE)
        silver = sponsor("Silver Co", Sponsor.Tier.SILVER)
        platinum = sponsor("Bank", Sponsor.Tier.PLATINUM)
        SponsorFactory(event=fest.other_event)

        answer = api.get("/api/events/fest/sponsors/")

        assert answer.status_code == 200
        assert [s["id"] for s in answer.json()] == [
            s.pk for s in (title, platinum, gold_first, gold_a, gold_b, silver, bronze, partner)
        ]
        assert answer.json()[0] == {
            "id": title.pk, "name": "Telecom", "tier": "title", "logo": None, "url": "",
        }  # fmt: skip

    def test_a_logo_is_its_url(self, api: APIClient, fest: Fest) -> None:
        SponsorFactory(event=fest.event, logo=png("logo.png"), url="https://bank.example")

        [sponsor] = api.get("/api/events/fest/sponsors/").json()

        assert sponsor["logo"].startswith("/media/content/sponsors/")
        assert sponsor["url"] == "https://bank.example"


class TestSchedule:
    def test_by_start_then_stage_order(self, api: APIClient, fest: Fest) -> None:
        main = StageFactory(event=fest.event, name="Main", sort_order=0)
        side = StageFactory(event=fest.event, name="Side", sort_order=1)
        late = PerformanceFactory(stage=main, starts_at=fest.at(0, 20))
        side_early = PerformanceFactory(stage=side, starts_at=fest.at(0, 18))
        main_early = PerformanceFactory(
            stage=main, starts_at=fest.at(0, 18), title="Desert Echoes", title_ar="أصداء",
            performers=["Aziz", "Lina"], status=Performance.Status.DELAYED, note="Late",
        )  # fmt: skip
        PerformanceFactory(stage=StageFactory(event=fest.other_event))

        answer = api.get("/api/events/fest/schedule/")

        assert answer.status_code == 200
        items = answer.json()
        assert [i["id"] for i in items] == [main_early.pk, side_early.pk, late.pk]
        assert items[0] == {
            "id": main_early.pk,
            "title": "Desert Echoes",
            "title_ar": "أصداء",
            "stage": {"id": main.pk, "name": "Main", "name_ar": ""},
            "starts_at": iso(fest.at(0, 18)),
            "ends_at": iso(fest.at(0, 18, 45)),
            "performers": ["Aziz", "Lina"],
            "status": "delayed",
            "note": "Late",
            "note_ar": "",
        }
        assert items[0]["starts_at"].endswith("T15:00:00Z")  # 18:00 in Riyadh

    def test_one_day_in_the_venues_time_zone(self, api: APIClient, fest: Fest) -> None:
        stage = StageFactory(event=fest.event)
        # 01:30 on day 2 in Riyadh is still day 1 (22:30) in UTC: it belongs to day 2.
        first_night = PerformanceFactory(stage=stage, starts_at=fest.at(0, 23))
        after_midnight = PerformanceFactory(stage=stage, starts_at=fest.at(1, 1, 30))
        day = fest.at(1, 12).date().isoformat()
        first_day = fest.at(0, 12).date().isoformat()

        second = api.get(f"/api/events/fest/schedule/?day={day}").json()
        first = api.get(f"/api/events/fest/schedule/?day={first_day}").json()

        assert [i["id"] for i in second] == [after_midnight.pk]
        assert [i["id"] for i in first] == [first_night.pk]

    def test_a_bad_day_is_a_400_naming_it(self, api: APIClient, fest: Fest) -> None:
        for day in ("tomorrow", "2026-13-40", "9999-12-31"):
            answer = api.get(f"/api/events/fest/schedule/?day={day}")

            assert answer.status_code == 400
            assert "day" in answer.json()["error"]["fields"]
