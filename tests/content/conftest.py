"""The content tests' world: a festival with staff, another festival with its own staff, and
images to upload (real PNGs drawn with Pillow, and files that only pretend to be images).
Uploaded files go to a temporary MEDIA_ROOT per test."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from backend.content.models import Performance, Sponsor, Stage
from backend.inventory.models import Event
from tests.factories import EventFactory, StaffFactory, VenueFactory
from tests.support.bookings import client_of


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Stage {n}")
    x = 50.0
    y = 50.0


class PerformanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Performance

    stage = factory.SubFactory(StageFactory)
    title = factory.Sequence(lambda n: f"Act {n}")
    starts_at = factory.LazyAttribute(lambda p: p.stage.event.starts_at)
    ends_at = factory.LazyAttribute(lambda p: p.starts_at + timedelta(minutes=45))
    performers = factory.LazyFunction(lambda: ["Aziz"])


class SponsorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsor

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Sponsor {n}")
    tier = Sponsor.Tier.GOLD


def png_bytes(size: tuple[int, int] = (40, 30), color: str = "teal", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def png(name: str = "photo.png", **kwargs: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def svg(name: str = "logo.svg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SVG, content_type="image/svg+xml")


def fake_png(name: str = "photo.png") -> SimpleUploadedFile:
    """A text file renamed .png, sent as image/png."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is not a picture", content_type="image/png")


@dataclass
class Fest:
    """A festival in Riyadh (UTC+3) a week from now, its staff, and another festival with
    its own staff (who must never reach this one's rows)."""

    event: Event
    staff: Any
    api: APIClient
    other_event: Event
    other_staff: Any
    other_api: APIClient

    @property
    def slug(self) -> str:
        return self.event.slug

    def at(self, day: int, hour: int, minute: int = 0) -> datetime:
        """``day`` days after the event's first day, at this time in Riyadh."""
        start = timezone.localtime(self.event.starts_at, timezone.get_fixed_timezone(180))
        first = start.replace(hour=0, minute=0, second=0, microsecond=0)
        return first + timedelta(days=day, hours=hour, minutes=minute)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def fest(db: Any) -> Fest:
    venue = VenueFactory(time_zone="Asia/Riyadh")
    event = EventFactory(slug="fest", venue=venue)
    other = EventFactory(slug="other-fest")
    staff = StaffFactory(grant__event=event)
    other_staff = StaffFactory(grant__event=other)
    return Fest(event, staff, client_of(staff), other, other_staff, client_of(other_staff))
