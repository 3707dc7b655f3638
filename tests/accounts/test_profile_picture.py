"""The profile: picture upload (checked, scaled to fit 512 px, stored under profiles/, the old
file deleted, an absolute URL in /me), its removal, and the new profile fields."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backend.accounts.models import User
from tests.accounts.helpers import bearer, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def png(size: tuple[int, int], mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "orange").save(out, "PNG")
    return out.getvalue()


def upload(api: Any, pair: Any, content: bytes, name: str = "me.png") -> Any:
    file = SimpleUploadedFile(name, content, "image/png")
    return api.put("/api/auth/me/picture/", {"picture": file}, format="multipart", **bearer(pair))


def stored(settings: Any) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "profiles"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def test_a_real_png_is_scaled_stored_and_shown_absolute(api: Any, media: Path) -> None:
    user = UserFactory()
    pair = sign_in(user)

    answer = upload(api, pair, png((1200, 800), "RGBA"))

    assert answer.status_code == 200, answer.json()
    url = answer.json()["picture"]
    assert url.startswith("http://testserver/media/profiles/")
    assert url.endswith(".png")
    user.refresh_from_db()
    assert user.picture.name.startswith("profiles/")
    with default_storage.open(user.picture.name) as file, Image.open(file) as image:
        assert image.size == (512, 341)
    assert api.get("/api/auth/me/", **bearer(pair)).json()["picture"] == url


def test_a_new_picture_replaces_and_deletes_the_old_one(api: Any, media: Path) -> None:
    pair = sign_in(UserFactory())
    first = upload(api, pair, png((100, 100))).json()["picture"]
    files_before = sorted(p.name for p in (media / "profiles").iterdir())

    second = upload(api, pair, png((300, 600))).json()["picture"]

    files_after = sorted(p.name for p in (media / "profiles").iterdir())
    assert first != second
    assert len(files_before) == len(files_after) == 1
    assert files_before != files_after
    assert second.endswith(".jpg")  # no transparency: stored as JPEG


def test_removing_the_picture_deletes_its_file(api: Any, media: Path) -> None:
    pair = sign_in(UserFactory())
    upload(api, pair, png((64, 64)))

    removed = api.delete("/api/auth/me/picture/", **bearer(pair))

    assert removed.status_code == 200
    assert removed.json()["picture"] is None
    assert list((media / "profiles").iterdir()) == []


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.4 not an image", "me.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "me.svg"),
        (b"", "empty.png"),
        (png((64, 64))[:60], "truncated.png"),
    ],
)
def test_a_non_image_is_400_naming_picture_and_changes_nothing(
    api: Any, media: Path, content: bytes, name: str
) -> None:
    user = UserFactory()
    pair = sign_in(user)

    answer = upload(api, pair, content, name)

    assert answer.status_code == 400
    assert answer.json()["ok"] is False
    assert "picture" in answer.json()["error"]["fields"]
    user.refresh_from_db()
    assert not user.picture
    assert not (media / "profiles").exists() or list((media / "profiles").iterdir()) == []


def test_a_too_big_image_is_400(api: Any, media: Path, settings: Any) -> None:
    settings.IMAGE_UPLOAD_MAX_BYTES = 2_000
    pair = sign_in(UserFactory())
    noisy = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))  # incompressible
    out = io.BytesIO()
    noisy.save(out, "PNG")

    answer = upload(api, pair, out.getvalue())

    assert answer.status_code == 400
    assert "picture" in answer.json()["error"]["fields"]


def test_an_image_wider_than_the_limit_is_400(api: Any, media: Path) -> None:
    pair = sign_in(UserFactory())

    answer = upload(api, pair, png((6001, 1), "L"))

    assert answer.status_code == 400
    assert "picture" in answer.json()["error"]["fields"]


def test_no_file_and_no_sign_in_are_refused(api: Any, media: Path) -> None:
    pair = sign_in(UserFactory())

    missing = api.put("/api/auth/me/picture/", {}, format="multipart", **bearer(pair))
    file = SimpleUploadedFile("a.png", png((8, 8)))
    anonymous = api.put("/api/auth/me/picture/", {"picture": file},
                        format="multipart")  # fmt: skip

    assert missing.status_code == 400
    assert "picture" in missing.json()["error"]["fields"]
    assert anonymous.status_code == 401


def test_me_shows_and_patches_the_profile_fields(api: Any) -> None:
    user = UserFactory(email="sara@example.com", phone="+966512345678",
                       verified_phone="+966512345678")  # fmt: skip
    pair = sign_in(user)

    patched = api.patch(
        "/api/auth/me/",
        {"first_name": "Sara", "last_name": "Ahmed", "date_of_birth": "1990-05-01",
         "gender": "female", "language": "ar"},
        format="json",
        **bearer(pair),
    )  # fmt: skip

    assert patched.status_code == 200
    body = patched.json()
    assert (body["first_name"], body["last_name"], body["name"]) == ("Sara", "Ahmed", "Sara Ahmed")
    assert (body["email_verified"], body["phone_verified"]) == (True, True)
    assert (body["has_password"], body["identities"], body["picture"]) == (False, [], None)
    assert User.objects.get(pk=user.pk).date_of_birth.isoformat() == "1990-05-01"
    bad = api.patch("/api/auth/me/", {"gender": "robot"}, format="json", **bearer(pair))
    assert bad.status_code == 400
    assert User.objects.get(pk=user.pk).gender == "female"
