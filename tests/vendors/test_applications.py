"""Applying to sell at a festival, and the applicant's own profile."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backend.inventory.models import Event
from backend.vendors.models import Vendor
from tests.factories import EventFactory, UserFactory
from tests.vendors.conftest import Festival, client_of

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "Saffron Street Kitchen",
    "category": "food",
    "description": "Kabsa and grilled corn.",
    "contact_email": "hello@saffron.example",
    "contact_phone": "0501234567",
}


def png(size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, "PNG")
    return out.getvalue()


def test_a_signed_in_user_applies_and_waits(festival: Festival) -> None:
    user = UserFactory()

    answer = client_of(user).post("/api/events/summer-fest/vendors/", APPLICATION, format="json")

    assert answer.status_code == 201
    body = answer.json()
    assert (body["status"], body["name"], body["booth"], body["crew_passes"]) == (
        "pending", "Saffron Street Kitchen", None, 0,
    )  # fmt: skip
    assert body["contact_phone"] == "+966501234567"
    assert Vendor.objects.get().user == user


def test_applying_with_a_logo_stores_it_under_a_random_name(festival: Festival) -> None:
    logo = SimpleUploadedFile("../../evil.png", png(), content_type="image/png")

    answer = client_of(UserFactory()).post(
        "/api/events/summer-fest/vendors/", {**APPLICATION, "logo": logo}, format="multipart"
    )

    assert answer.status_code == 201
    url = answer.json()["logo"]
    assert url.startswith("/media/vendors/logos/")
    assert url.endswith(".png")
    assert "evil" not in url


@pytest.mark.parametrize(
    ("upload", "why"),
    [
        (SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'/>", "image/svg+xml"), "svg"),
        (SimpleUploadedFile("logo.png", b"MZ\x90\x00 not a png", "image/png"), "renamed"),
    ],
)
def test_a_logo_that_is_not_an_image_is_refused_and_nothing_is_stored(
    festival: Festival, upload: Any, why: str
) -> None:
    answer = client_of(UserFactory()).post(
        "/api/events/summer-fest/vendors/", {**APPLICATION, "logo": upload}, format="multipart"
    )

    assert answer.status_code == 400, why
    assert "logo" in answer.json()["error"]["fields"]
    assert not Vendor.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category": "weapons"}, "category"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"contact_phone": "12"}, "contact_phone"),
        ({"name": "x" * 121}, "name"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"name": 5}, "name"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_stored(
    festival: Festival, change: dict[str, Any], field: str
) -> None:
    answer = client_of(UserFactory()).post(
        "/api/events/summer-fest/vendors/", {**APPLICATION, **change}, format="json"
    )

    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]
    assert not Vendor.objects.exists()


def test_applying_twice_is_a_conflict(festival: Festival) -> None:
    client = client_of(UserFactory())
    client.post("/api/events/summer-fest/vendors/", APPLICATION, format="json")

    again = client.post("/api/events/summer-fest/vendors/", APPLICATION, format="json")

    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_applied")
    assert Vendor.objects.count() == 1


def test_a_rejected_applicant_may_apply_again(festival: Festival, staff_api: Any) -> None:
    client = client_of(UserFactory())
    vendor_id = client.post("/api/events/summer-fest/vendors/", APPLICATION, format="json").json()[
        "id"
    ]
    staff_api.post(f"/api/staff/vendors/{vendor_id}/reject/", {"reason": "Full."}, format="json")

    again = client.post(
        "/api/events/summer-fest/vendors/", {**APPLICATION, "category": "drinks"}, format="json"
    )

    assert again.status_code == 201
    assert (again.json()["id"], again.json()["status"], again.json()["reason"]) == (
        vendor_id, "pending", "",
    )  # fmt: skip
    assert Vendor.objects.get().category == "drinks"


def test_anonymous_visitors_cannot_apply(festival: Festival, api: Any) -> None:
    answer = api.post("/api/events/summer-fest/vendors/", APPLICATION, format="json")

    assert answer.status_code == 401


def test_only_festivals_take_vendors(db: object) -> None:
    EventFactory(slug="rooms", kind=Event.Kind.ROOMS)

    answer = client_of(UserFactory()).post("/api/events/rooms/vendors/", APPLICATION, format="json")

    assert (answer.status_code, answer.json()["error"]["code"]) == (404, "no_vendors")


def test_closed_applications_are_refused(festival: Festival) -> None:
    festival.settings.applications_open = False
    festival.settings.save()

    answer = client_of(UserFactory()).post(
        "/api/events/summer-fest/vendors/", APPLICATION, format="json"
    )

    assert (answer.status_code, answer.json()["error"]["code"]) == (409, "applications_closed")


def test_visitors_see_only_approved_vendors_with_their_booth(festival: Festival, api: Any) -> None:
    approved = festival.vendor("Saffron Kitchen")
    festival.vendor("Pending Pies", approved=False)
    booth = festival.booth("A-01", x=10, y=20)
    booth.vendor = approved
    booth.save()

    answer = api.get("/api/events/summer-fest/vendors/")

    assert answer.status_code == 200
    [listed] = answer.json()
    assert (listed["name"], listed["booth"]["code"], listed["booth"]["x"]) == (
        "Saffron Kitchen", "A-01", 10.0,
    )  # fmt: skip
    assert "contact_email" not in listed


def test_the_applicant_reads_and_edits_their_profile(festival: Festival) -> None:
    vendor = festival.vendor(approved=False)
    client = client_of(vendor.user)

    read = client.get("/api/vendor/profile/?event=summer-fest")
    edited = client.patch(
        "/api/vendor/profile/?event=summer-fest",
        {"description": "Now with dates.", "logo": SimpleUploadedFile("l.png", png())},
        format="multipart",
    )

    assert read.json()["status"] == "pending"
    assert edited.status_code == 200
    assert edited.json()["description"] == "Now with dates."
    assert edited.json()["logo"].endswith(".png")
    assert edited.json()["name"] == vendor.name  # untouched


def test_someone_who_never_applied_has_no_profile(festival: Festival) -> None:
    answer = client_of(UserFactory()).get("/api/vendor/profile/?event=summer-fest")

    assert (answer.status_code, answer.json()["error"]["code"]) == (404, "not_a_vendor")


def test_a_pending_vendor_has_neither_dashboard_nor_setup_code(festival: Festival) -> None:
    client = client_of(festival.vendor(approved=False).user)

    dashboard = client.get("/api/vendor/dashboard/?event=summer-fest")
    code = client.get("/api/vendor/setup-qr/?event=summer-fest")

    assert (dashboard.status_code, code.status_code) == (403, 403)
