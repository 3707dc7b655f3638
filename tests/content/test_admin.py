"""The event pages in the admin: every model's pages open; a page saved with its FAQ inline is
audited row by row; an SVG is refused like in the API; a performance changed there is
published on the schedule topic; messages are marked handled by an action."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backend.content.models import (
    ContactMessage,
    ContentImage,
    EventContent,
    FaqEntry,
    Performance,
)
from backend.core.models import AuditEntry
from tests.content.conftest import (
    Fest,
    PerformanceFactory,
    SponsorFactory,
    StageFactory,
    png,
    png_bytes,
    svg,
)

pytestmark = pytest.mark.django_db(transaction=True)

MODELS = ["eventcontent", "stage", "performance", "sponsor", "contactmessage"]


def inline(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def page_form(fest: Fest, **extra: Any) -> dict[str, Any]:
    return {
        "event": str(fest.event.pk), "tagline": "Two days", "tagline_ar": "", "description": "",
        "description_ar": "",
        **inline("images", []), **inline("links", []),
        **inline("faq", [{"question": "Parking?", "answer": "Yes.", "sort_order": "0"}]),
        **extra,
    }  # fmt: skip


@pytest.mark.parametrize("model", MODELS)
def test_every_page_opens(admin_browser: Client, fest: Fest, model: str) -> None:
    content = EventContent.objects.create(event=fest.event)
    ContentImage.objects.create(content=content, image=png(), alt="A")
    act = PerformanceFactory(stage=StageFactory(event=fest.event))
    sponsor = SponsorFactory(event=fest.event, logo=png())
    message = ContactMessage.objects.create(event=fest.event, name="V", email="v@x.example",
                                            message="Hi")  # fmt: skip
    objects = {"eventcontent": content, "stage": act.stage, "performance": act,
               "sponsor": sponsor, "contactmessage": message}  # fmt: skip

    listed = admin_browser.get(f"/admin/content/{model}/")
    changed = admin_browser.get(f"/admin/content/{model}/{objects[model].pk}/change/")

    assert listed.status_code == 200
    assert changed.status_code == 200


def test_a_page_with_its_faq_inline_is_audited(admin_browser: Client, fest: Fest) -> None:
    answer = admin_browser.post("/admin/content/eventcontent/add/", page_form(fest))

    assert answer.status_code == 302, answer.content.decode()[:2000]
    content = EventContent.objects.get()
    assert content.tagline == "Two days"
    assert list(FaqEntry.objects.values_list("question", flat=True)) == ["Parking?"]
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "eventcontent.add", "faqentry.add",
    }  # fmt: skip
    assert AuditEntry.objects.get(action="faqentry.add").event_id == fest.event.pk


def test_only_png_jpeg_webp_or_gif_are_kept_under_a_random_name(
    admin_browser: Client, fest: Fest
) -> None:
    bmp = SimpleUploadedFile("map.bmp", png_bytes(fmt="BMP"), "image/bmp")  # Pillow reads it
    refused = [
        admin_browser.post("/admin/content/eventcontent/add/", page_form(fest, map_image=upload))
        for upload in (svg(), bmp)
    ]
    kept = admin_browser.post(
        "/admin/content/eventcontent/add/", page_form(fest, map_image=png("my map.png"))
    )

    for answer in refused:  # the form again, with the error
        assert answer.status_code == 200
        assert answer.context["adminform"].form.errors["map_image"]
    assert refused[1].context["adminform"].form.errors["map_image"] == [
        "Upload a PNG, JPEG, WebP or GIF."
    ]
    assert kept.status_code == 302
    name = EventContent.objects.get().map_image.name
    assert name.startswith("content/maps/")
    assert "my map" not in name


def test_a_performance_changed_in_the_admin_is_published(
    admin_browser: Client, fest: Fest, captured_publishes: list[Any]
) -> None:
    act = PerformanceFactory(stage=StageFactory(event=fest.event), starts_at=fest.at(0, 18))
    local = fest.at(0, 18)

    answer = admin_browser.post(
        f"/admin/content/performance/{act.pk}/change/",
        {
            "stage": str(act.stage_id), "title": "Renamed", "title_ar": "",
            "starts_at_0": local.date().isoformat(), "starts_at_1": "15:00:00",
            "ends_at_0": local.date().isoformat(), "ends_at_1": "16:00:00",
            "performers": '["Aziz"]', "status": "delayed", "note": "", "note_ar": "",
        },
    )  # fmt: skip

    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert Performance.objects.get().title == "Renamed"
    [sent] = [p for p in captured_publishes if p.topic == "event:fest:schedule"]
    assert sent.data["items"][0]["title"] == "Renamed"
    assert AuditEntry.objects.filter(action="performance.change").count() == 1


def test_messages_are_marked_handled_by_an_action(admin_browser: Client, fest: Fest) -> None:
    message = ContactMessage.objects.create(event=fest.event, name="V", email="v@x.example",
                                            message="Hi")  # fmt: skip

    answer = admin_browser.post(
        "/admin/content/contactmessage/",
        {"action": "mark_handled", "_selected_action": [str(message.pk)]},
    )

    assert answer.status_code == 302
    message.refresh_from_db()
    assert message.handled_at is not None
    assert AuditEntry.objects.filter(action="content.message_handled").count() == 1
