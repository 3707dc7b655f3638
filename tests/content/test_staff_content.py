"""Staff edit their event's page: texts (only what they send), FAQ and links as whole lists,
pictures (checked with Pillow: an SVG or a renamed file is a 400 naming the field) and the
festival map; each change audited, and a picture's file gone from the storage once deleted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.content.models import ContentImage, ContentLink, EventContent, FaqEntry
from backend.core.models import AuditEntry
from tests.content.conftest import Fest, fake_png, png, png_bytes, svg

pytestmark = pytest.mark.django_db(transaction=True)  # files leave the storage after commit

CONTENT = "/api/staff/content/?event=fest"
IMAGES = "/api/staff/content/images/?event=fest"
MAP = "/api/staff/content/map/?event=fest"


def stored_files(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def field_error(answer: Any, field: str) -> str:
    assert answer.status_code == 400, answer.content
    body = answer.json()
    assert body["error"]["code"] == "validation_error"
    return str(body["error"]["fields"][field])


class TestText:
    def test_a_page_never_written_reads_empty(self, fest: Fest) -> None:
        answer = fest.api.get(CONTENT)

        assert answer.status_code == 200
        assert answer.json() == {
            "ok": True, "event": "fest", "tagline": "", "tagline_ar": "", "description": "",
            "description_ar": "", "faq": [], "links": [], "images": [], "map_image": None,
            "updated_at": None,
        }  # fmt: skip

    def test_patch_changes_only_what_it_sends(self, fest: Fest) -> None:
        fest.api.patch(CONTENT, {"tagline": "Two days", "description": "Music"}, format="json")

        answer = fest.api.patch(CONTENT, {"tagline_ar": "يومان"}, format="json")

        assert answer.status_code == 200, answer.content
        body = answer.json()
        assert (body["tagline"], body["tagline_ar"], body["description"]) == (
            "Two days", "يومان", "Music",
        )  # fmt: skip
        assert body["updated_at"] is not None
        public = fest.api.get("/api/events/fest/content/").json()
        assert public["tagline_ar"] == "يومان"

    def test_faq_and_links_replace_the_old_lists_in_the_order_sent(self, fest: Fest) -> None:
        fest.api.patch(
            CONTENT,
            {"faq": [{"question": "Old?", "answer": "Gone."}],
             "links": [{"label": "Old", "url": "https://old.example"}]},
            format="json",
        )  # fmt: skip

        answer = fest.api.patch(
            CONTENT,
            {"faq": [{"question": "Parking?", "question_ar": "مواقف؟", "answer": "Yes."},
                     {"question": "Kids?", "answer": "Free under 12."}]},
            format="json",
        )  # fmt: skip

        body = answer.json()
        assert [f["question"] for f in body["faq"]] == ["Parking?", "Kids?"]
        assert body["faq"][0]["question_ar"] == "مواقف؟"
        assert body["faq"][1]["answer_ar"] == ""
        assert [link["label"] for link in body["links"]] == ["Old"]  # not sent: kept
        assert FaqEntry.objects.count() == 2
        assert list(FaqEntry.objects.values_list("sort_order", flat=True)) == [0, 1]

        emptied = fest.api.patch(CONTENT, {"links": []}, format="json").json()
        assert emptied["links"] == []
        assert not ContentLink.objects.exists()

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"tagline": "t" * 201}, "tagline"),
            ({"description": "d" * 10_001}, "description"),
            ({"tagline": 7}, "tagline"),
            ({"links": [{"label": "X", "url": "javascript:alert(1)"}]}, "links"),
            ({"links": [{"label": "X", "url": "ftp://files.example"}]}, "links"),
            ({"links": [{"label": "X"}]}, "links"),
            ({"faq": [{"question": "No answer?"}]}, "faq"),
            ({"faq": [{"question": "q", "answer": "a"}] * 101}, "faq"),
            ({"faq": "not a list"}, "faq"),
        ],
    )
    def test_bad_input_names_the_field_and_changes_nothing(
        self, fest: Fest, body: dict[str, Any], field: str
    ) -> None:
        fest.api.patch(CONTENT, {"tagline": "Kept", "faq": [{"question": "Q", "answer": "A"}]},
                       format="json")  # fmt: skip

        field_error(fest.api.patch(CONTENT, body, format="json"), field)

        content = EventContent.objects.get()
        assert content.tagline == "Kept"
        assert list(content.faq.values_list("question", flat=True)) == ["Q"]

    def test_one_audit_row_per_change_and_none_for_no_change(self, fest: Fest) -> None:
        fest.api.patch(CONTENT, {"tagline": "Two days"}, format="json")
        fest.api.patch(CONTENT, {"tagline": "Two days"}, format="json")

        [entry] = AuditEntry.objects.filter(action="content.page_update")
        assert entry.actor == fest.staff
        assert entry.event_id == fest.event.pk
        assert entry.before is not None
        assert entry.after is not None
        assert (entry.before["tagline"], entry.after["tagline"]) == ("", "Two days")


class TestPictures:
    def test_add_and_delete_a_picture(self, fest: Fest, settings: Any) -> None:
        added = fest.api.post(
            IMAGES, {"image": png("my holiday.png"), "alt": "The stage", "alt_ar": "المسرح"},
            format="multipart",
        )  # fmt: skip

        assert added.status_code == 201, added.content
        body = added.json()
        image = ContentImage.objects.get()
        assert body == {"ok": True, "id": image.pk, "url": image.image.url, "alt": "The stage",
                        "alt_ar": "المسرح", "sort_order": 0}  # fmt: skip
        assert body["url"].startswith("/media/content/images/")
        assert "holiday" not in body["url"]  # a random name, not the uploader's
        assert b"".join(fest.api.get(body["url"]).streaming_content) == png_bytes()
        assert len(stored_files(settings.MEDIA_ROOT)) == 1

        deleted = fest.api.delete(f"/api/staff/content/images/{image.pk}/")

        assert deleted.status_code == 200
        assert deleted.json() == {"ok": True, "id": image.pk}
        assert not ContentImage.objects.exists()
        assert stored_files(settings.MEDIA_ROOT) == []
        actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
        assert actions == ["content.image_add", "content.image_delete"]

    def test_a_new_picture_goes_last_unless_told(self, fest: Fest) -> None:
        def add(**fields: Any) -> int:
            answer = fest.api.post(IMAGES, {"image": png(), "alt": "A", **fields},
                                   format="multipart")  # fmt: skip
            return int(answer.json()["sort_order"])

        assert [add(), add(), add(sort_order="-5"), add()] == [0, 1, -5, 2]

    def test_a_jpeg_is_kept_as_jpeg(self, fest: Fest) -> None:
        upload = SimpleUploadedFile("p.png", png_bytes(fmt="JPEG"), content_type="image/png")

        answer = fest.api.post(IMAGES, {"image": upload, "alt": "A"}, format="multipart")

        assert answer.json()["url"].endswith(".jpg")

    @pytest.mark.parametrize(
        "upload",
        [svg("map.svg"), fake_png(), SimpleUploadedFile("empty.png", b"", "image/png")],
        ids=["svg", "renamed", "empty"],
    )
    def test_a_file_that_is_not_an_image_is_refused(
        self, fest: Fest, settings: Any, upload: Any
    ) -> None:
        answer = fest.api.post(IMAGES, {"image": upload, "alt": "A"}, format="multipart")

        field_error(answer, "image")
        assert not ContentImage.objects.exists()
        assert not AuditEntry.objects.exists()
        assert stored_files(settings.MEDIA_ROOT) == []

    def test_a_picture_too_large_is_refused(self, fest: Fest, settings: Any) -> None:
        settings.IMAGE_UPLOAD_MAX_BYTES = 100

        answer = fest.api.post(IMAGES, {"image": png(size=(400, 400), color="red"), "alt": "A"},
                               format="multipart")  # fmt: skip

        assert "larger than" in field_error(answer, "image")

    def test_alt_text_is_required_and_bounded(self, fest: Fest) -> None:
        field_error(fest.api.post(IMAGES, {"image": png()}, format="multipart"), "alt")
        field_error(
            fest.api.post(IMAGES, {"image": png(), "alt": "a" * 201}, format="multipart"), "alt"
        )
        field_error(fest.api.post(IMAGES, {"alt": "A"}, format="multipart"), "image")

    def test_json_is_not_an_upload(self, fest: Fest) -> None:
        answer = fest.api.post(IMAGES, {"image": "x", "alt": "A"}, format="json")

        assert answer.status_code == 415
        assert answer.json()["error"]["code"] == "unsupported_media_type"


class TestMap:
    def test_set_replace_and_remove_the_map(self, fest: Fest, settings: Any) -> None:
        first = fest.api.put(MAP, {"image": png("a.png")}, format="multipart")
        first_url = first.json()["map_image"]
        second = fest.api.put(MAP, {"image": png("b.png", color="red")}, format="multipart")

        assert first.status_code == second.status_code == 200
        assert second.json()["map_image"] != first_url
        assert (
            fest.api.get("/api/events/fest/content/").json()["map"]["image"]
            == (second.json()["map_image"])
        )
        assert stored_files(settings.MEDIA_ROOT) == [second.json()["map_image"][7:]]

        removed = fest.api.delete(MAP)

        assert removed.status_code == 200
        assert removed.json() == {"ok": True, "map_image": None}
        assert fest.api.get("/api/events/fest/content/").json()["map"]["image"] is None
        assert stored_files(settings.MEDIA_ROOT) == []
        assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
            "content.map_set", "content.map_set", "content.map_remove",
        ]  # fmt: skip

    def test_removing_no_map_changes_nothing(self, fest: Fest) -> None:
        assert fest.api.delete(MAP).json() == {"ok": True, "map_image": None}
        assert not AuditEntry.objects.exists()

    def test_an_svg_map_is_refused_and_the_old_one_stays(self, fest: Fest) -> None:
        kept = fest.api.put(MAP, {"image": png()}, format="multipart").json()["map_image"]

        field_error(fest.api.put(MAP, {"image": svg()}, format="multipart"), "image")

        assert EventContent.objects.get().map_image.url == kept
        assert fest.api.get(kept).status_code == 200
