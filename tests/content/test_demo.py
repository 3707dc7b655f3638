"""Summer Fest's demo pages: its text in both languages, pictures and a map drawn as PNGs into
the storage, an FAQ, links, three stages on the map, a two-day schedule from the event's first
day, a dozen sponsors across the tiers with logos; loading the demo again changes nothing,
and staff's own changes stay."""

from __future__ import annotations

import io
import zoneinfo
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from PIL import Image
from rest_framework.test import APIClient

from backend.content.demo import load_festival_pages
from backend.content.models import (
    ContactMessage,
    ContentImage,
    ContentLink,
    EventContent,
    FaqEntry,
    Performance,
    Sponsor,
    Stage,
)

pytestmark = pytest.mark.django_db

MODELS = (EventContent, ContentImage, FaqEntry, ContentLink, Stage, Performance, Sponsor,
          ContactMessage)  # fmt: skip


def rows() -> dict[str, list[Any]]:
    return {m.__name__: sorted(map(str, m.objects.values_list())) for m in MODELS}


def test_without_the_event_nothing_is_loaded() -> None:
    assert "nothing loaded" in load_festival_pages()
    assert all(not m.objects.exists() for m in MODELS)


def test_the_demo_festival_page(api: APIClient) -> None:
    call_command("demo", stdout=io.StringIO())

    page = api.get("/api/events/summer-fest/content/").json()
    assert page["tagline"]
    assert page["tagline_ar"]
    assert page["description"]
    assert page["description_ar"]
    assert len(page["images"]) >= 2
    assert all(i["alt_ar"] for i in page["images"])
    assert len(page["faq"]) >= 5
    assert all(f["question_ar"] and f["answer_ar"] for f in page["faq"])
    assert len(page["links"]) >= 2
    assert len(page["map"]["stages"]) == 3
    assert page["map"]["booths"]  # the vendors' demo put booths on the map
    for url in [page["map"]["image"], *(i["url"] for i in page["images"])]:
        served = api.get(url)
        assert served.status_code == 200
        image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
        assert image.format == "PNG"
        assert image.size[0] >= 800


def test_the_demo_schedule_spans_two_days_from_the_first(api: APIClient) -> None:
    call_command("demo", stdout=io.StringIO())
    event = EventContent.objects.get().event
    zone = zoneinfo.ZoneInfo(event.venue.time_zone)
    first = event.starts_at.astimezone(zone).date()

    items = api.get("/api/events/summer-fest/schedule/").json()

    per_stage_day = Counter(
        (p.stage.name, p.starts_at.astimezone(zone).date()) for p in Performance.objects.all()
    )
    assert {day for _, day in per_stage_day} == {first, first + timedelta(days=1)}
    assert set(per_stage_day.values()) == {8}
    assert len(items) == 48
    assert [i["starts_at"] for i in items] == sorted(i["starts_at"] for i in items)
    assert all(i["title_ar"] and i["performers"] for i in items)


def test_the_demo_sponsors(api: APIClient) -> None:
    call_command("demo", stdout=io.StringIO())

    sponsors = api.get("/api/events/summer-fest/sponsors/").json()

    assert len(sponsors) == 12
    assert {s["tier"] for s in sponsors} == {t.value for t in Sponsor.Tier}
    assert sponsors[0]["tier"] == "title"
    assert all(s["logo"] and s["url"].startswith("https://") for s in sponsors)


def test_loading_again_changes_nothing_and_keeps_staffs_changes() -> None:
    call_command("demo", stdout=io.StringIO())
    EventContent.objects.update(tagline="Staff's own")
    Performance.objects.filter(pk=Performance.objects.first().pk).update(status="cancelled")  # type: ignore[union-attr]
    first = rows()

    call_command("demo", stdout=io.StringIO())

    assert rows() == first
    assert EventContent.objects.get().tagline == "Staff's own"


def test_a_picture_whose_file_is_gone_is_drawn_again() -> None:
    call_command("demo", stdout=io.StringIO())
    image = ContentImage.objects.first()
    assert image is not None
    image.image.storage.delete(image.image.name)

    load_festival_pages()

    image.refresh_from_db()
    assert image.image.storage.exists(image.image.name)
    assert ContentImage.objects.count() == 3
