"""Pictures of venues, events and resources: uploads checked in the admin, renditions made
and served as immutable, and what the API answers with them and with amenities."""

from __future__ import annotations

import io
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from backend.core.images import renditions_make
from backend.core.models import AuditEntry
from backend.inventory.models import (
    Amenity,
    Event,
    EventImage,
    Resource,
    ResourceImage,
    Venue,
    VenueImage,
)
from backend.inventory.services.pictures import picture_renditions_make
from tests.factories import EventFactory, ResourceFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(width: int = 1600, height: int = 900, fmt: str = "JPEG", name: str = "a.jpg") -> Any:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def uploaded(model: type, **fields: Any) -> Any:
    """A picture row saved with an upload and its renditions, as the admin saves one."""
    row = model.objects.create(image=picture(), alt="Pool at dusk", alt_ar="المسبح", **fields)
    return picture_renditions_make(picture=row)


class TestRenditions:
    def test_a_wide_picture_gets_every_width_as_webp_named_by_its_content(
        self, media_root: Path
    ) -> None:
        row = uploaded(VenueImage, venue=VenueFactory())

        assert [(r["width"], r["height"]) for r in row.renditions] == [
            (320, 180), (640, 360), (1280, 720),
        ]  # fmt: skip
        names = [r["name"] for r in row.renditions]
        assert all(n.startswith("renditions/") and n.endswith(".webp") for n in names)
        for rendition in row.renditions:
            with Image.open(media_root / rendition["name"]) as image:
                assert (image.format, image.width) == ("WEBP", rendition["width"])
        assert VenueImage.objects.get(pk=row.pk).renditions == row.renditions

    def test_the_same_picture_twice_is_stored_once(self) -> None:
        first = uploaded(VenueImage, venue=VenueFactory())
        second = uploaded(EventImage, event=EventFactory())

        assert first.renditions == second.renditions  # content-hashed: the same names

    def test_a_small_picture_is_never_enlarged(self) -> None:
        row = VenueImage.objects.create(venue=VenueFactory(), image=picture(500, 250), alt="x")

        picture_renditions_make(picture=row)

        assert [(r["width"], r["height"]) for r in row.renditions] == [(320, 160), (500, 250)]

    def test_widths_follow_the_setting(self, settings: Any) -> None:
        settings.IMAGE_RENDITION_WIDTHS = (200, 400)
        row = VenueImage.objects.create(venue=VenueFactory(), image=picture(), alt="x")

        assert [r["width"] for r in renditions_make(row.image)] == [200, 400]

    def test_a_picture_given_by_url_has_none(self) -> None:
        row = VenueImage.objects.create(venue=VenueFactory(), url="/static/a.svg", alt="x")

        assert picture_renditions_make(picture=row).renditions == []


class TestServed:
    def test_renditions_are_immutable_and_uploads_cached_a_day(self) -> None:
        row = uploaded(VenueImage, venue=VenueFactory())
        client = Client()

        rendition = client.get(f"/media/{row.renditions[0]['name']}")
        original = client.get(f"/media/{row.image.name}")

        assert rendition.status_code == 200
        assert rendition["Cache-Control"] == "public, max-age=31536000, immutable"
        assert rendition["Content-Type"] == "image/webp"
        assert rendition["X-Content-Type-Options"] == "nosniff"
        assert original.status_code == 200
        assert original["Cache-Control"] == "public, max-age=86400"

    def test_nginx_keeps_renditions_for_good(self) -> None:
        conf = (Path(__file__).parents[2] / "nginx" / "nginx.conf").read_text()
        block = conf[conf.index("location /media/renditions/ {") :]
        block = block[: block.index("}")]

        assert "proxy_pass http://gatehouse_web;" in block
        assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in block


def change_form(browser: Client, url: str) -> dict[str, Any]:
    """The POST data of an admin change page as it stands (the main form and every inline)."""
    page = browser.get(url)
    assert page.status_code == 200
    forms = [page.context["adminform"].form]
    data: dict[str, Any] = {}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            value = management[name].value()
            data[management.add_prefix(name)] = value if value is not None else ""
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or (hasattr(value, "name") and not value):
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


class TestAdmin:
    def url(self, venue: Venue) -> str:
        return f"/admin/inventory/venue/{venue.pk}/change/"

    def with_upload(self, data: dict[str, Any], upload: Any) -> dict[str, Any]:
        total = int(data["images-TOTAL_FORMS"])
        data.update({
            "images-TOTAL_FORMS": str(total + 1),
            f"images-{total}-image": upload, f"images-{total}-alt": "The pool",
            f"images-{total}-alt_ar": "المسبح", f"images-{total}-sort_order": "1",
        })  # fmt: skip
        return data

    def test_an_upload_is_resized_and_audited(self, admin_browser: Client) -> None:
        venue = VenueFactory()
        wifi = Amenity.objects.create(code="wifi", icon="wifi", label="Wi-Fi", label_ar="واي فاي")
        data = self.with_upload(change_form(admin_browser, self.url(venue)), picture())
        data.update({"check_in_time": "15:00", "check_out_time": "11:00", "amenities": [wifi.pk]})

        saved = admin_browser.post(self.url(venue), data)

        assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
        [image] = venue.images.all()
        assert [r["width"] for r in image.renditions] == [320, 640, 1280]
        assert (image.alt, image.alt_ar, image.width, image.height) == (
            "The pool", "المسبح", 1600, 900,
        )  # fmt: skip
        assert image.image.name.startswith("pictures/")
        assert "a.jpg" not in image.image.name
        venue.refresh_from_db()
        assert (venue.check_in_time, venue.check_out_time) == (time(15), time(11))
        assert list(venue.amenities.all()) == [wifi]
        added = AuditEntry.objects.get(action="venueimage.add")
        assert added.after["image"] == image.image.name
        assert added.after["alt_ar"] == "المسبح"

    @pytest.mark.parametrize(
        ("upload", "says"),
        [
            (SimpleUploadedFile("x.png", b"MZ\x90\x00 not a picture"), "Upload a valid image"),
            (
                SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
                "Upload a valid image",
            ),
            (picture(100, 100, fmt="BMP", name="x.bmp"), "Upload a PNG, JPEG, WebP or GIF."),
            (picture(7000, 10), "larger than 6000 by 6000"),
        ],
    )
    def test_a_bad_file_is_an_error_on_its_field(
        self, admin_browser: Client, upload: Any, says: str
    ) -> None:
        venue = VenueFactory()
        data = self.with_upload(change_form(admin_browser, self.url(venue)), upload)

        answer = admin_browser.post(self.url(venue), data)

        assert answer.status_code == 200  # the form again, with the error
        assert says in answer.content.decode(), answer.context["errors"]
        assert not venue.images.exists()

    def test_a_file_over_the_size_limit_is_refused(self, admin_browser: Client) -> None:
        venue = VenueFactory()
        data = self.with_upload(change_form(admin_browser, self.url(venue)), picture())

        with override_settings(IMAGE_UPLOAD_MAX_BYTES=1000):
            answer = admin_browser.post(self.url(venue), data)

        assert answer.status_code == 200
        assert "The image is larger than 0.001 MB." in answer.content.decode()
        assert not venue.images.exists()

    def test_a_resource_takes_pictures_and_amenities(self, admin_browser: Client) -> None:
        room = ResourceFactory(kind=Resource.Kind.ROOM, name="Garden Villa")
        pool = Amenity.objects.create(code="pool", icon="pool", label="Pool", label_ar="مسبح")
        url = f"/admin/inventory/resource/{room.pk}/change/"
        data = self.with_upload(change_form(admin_browser, url), picture())
        data["amenities"] = [pool.pk]

        saved = admin_browser.post(url, data)

        assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
        [image] = ResourceImage.objects.filter(resource=room)
        assert len(image.renditions) == 3
        assert list(room.amenities.all()) == [pool]


class TestAnswers:
    @pytest.fixture
    def resort(self) -> Event:
        venue = VenueFactory(check_in_time=time(15), check_out_time=time(11, 30))
        pool = Amenity.objects.create(code="pool", icon="pool", label="Pool", label_ar="مسبح")
        wifi = Amenity.objects.create(code="wifi", icon="wifi", label="Wi-Fi", sort_order=-1)
        venue.amenities.set([pool, wifi])
        event = EventFactory(venue=venue, slug="resort", kind=Event.Kind.STAYS)
        uploaded(VenueImage, venue=venue)
        uploaded(EventImage, event=event)
        room = ResourceFactory(event=event, kind=Resource.Kind.ROOM, name="Villa")
        room.amenities.set([pool])
        uploaded(ResourceImage, resource=room)
        return event

    def test_the_event_answer_shows_pictures_amenities_and_stay_times(
        self, api: Any, resort: Event
    ) -> None:
        body = api.get("/api/events/resort/").json()

        [image] = body["images"]
        assert image["alt"] == "Pool at dusk"
        assert image["alt_ar"] == "المسبح"
        assert (image["width"], image["height"]) == (1280, 720)
        assert image["url"] == image["renditions"][-1]["url"]
        assert image["url"].startswith("/media/renditions/")
        assert image["srcset"] == ", ".join(
            f"{r['url']} {r['width']}w" for r in image["renditions"]
        )
        venue = body["venue"]
        assert (venue["check_in_time"], venue["check_out_time"]) == ("15:00", "11:30")
        assert [a["code"] for a in venue["amenities"]] == ["wifi", "pool"]
        assert venue["amenities"][0] == {
            "code": "wifi", "icon": "wifi", "label": "Wi-Fi", "label_ar": "Wi-Fi",
        }  # fmt: skip
        assert len(venue["images"]) == 1
        [room] = body["resources"]
        assert [a["label_ar"] for a in room["amenities"]] == ["مسبح"]
        assert len(room["images"]) == 1

    def test_the_list_shows_them_in_a_fixed_number_of_queries(
        self, api: Any, resort: Event, django_assert_max_num_queries: Any
    ) -> None:
        for n in range(3):
            uploaded(EventImage, event=EventFactory(slug=f"more-{n}"))

        with django_assert_max_num_queries(4):  # the events, their and their venues' pictures
            events = api.get("/api/events/").json()["events"]

        assert [len(e["images"]) for e in events if e["slug"] == "resort"] == [1]
        assert all(len(e["images"]) == 1 for e in events)


class TestAdminFiles:
    def test_a_replaced_or_deleted_original_leaves_the_storage_after_commit(
        self, admin_browser: Client, media_root: Path, django_capture_on_commit_callbacks: Any
    ) -> None:
        venue = VenueFactory()
        url = f"/admin/inventory/venue/{venue.pk}/change/"
        first = uploaded(VenueImage, venue=venue)
        old_name = first.image.name
        data = change_form(admin_browser, url)
        data["images-0-image"] = picture(800, 450)

        with django_capture_on_commit_callbacks(execute=True):
            saved = admin_browser.post(url, data)

        assert saved.status_code == 302
        first.refresh_from_db()
        assert first.image.name != old_name
        assert not (media_root / old_name).exists()
        assert (media_root / first.image.name).exists()
        assert [r["width"] for r in first.renditions] == [320, 640, 800]

        data = change_form(admin_browser, url)
        data["images-0-DELETE"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            admin_browser.post(url, data)

        assert not venue.images.exists()
        assert not (media_root / first.image.name).exists()
