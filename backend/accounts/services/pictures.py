"""Profile pictures: checked like every uploaded image (``backend.core.images``), scaled down
to fit ``MAX_SIDE`` pixels square, stored under ``profiles/`` with a random name; the
previous file leaves the storage once the change commits."""

from __future__ import annotations

import io
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageOps

from backend.accounts.models import User
from backend.core.errors import ValidationError
from backend.core.images import checked_image

MAX_SIDE = 512
FOLDER = "profiles"


def _resized(upload: Any) -> tuple[bytes, str]:
    try:
        return _scaled(upload)
    except (OSError, ValueError, SyntaxError):  # read as an image, but not decodable
        raise ValidationError(fields={"picture": ["Not an image we can read."]}) from None


def _scaled(upload: Any) -> tuple[bytes, str]:
    with Image.open(upload) as image:
        image.seek(0)  # an animated GIF keeps its first frame
        picture = ImageOps.exif_transpose(image)
        picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if picture.mode in ("RGBA", "LA", "P"):
            picture.convert("RGBA").save(out, format="PNG", optimize=True)
            return out.getvalue(), "png"
        picture.convert("RGB").save(out, format="JPEG", quality=88)
        return out.getvalue(), "jpg"


def _delete_later(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def picture_set(*, user: User, upload: Any) -> User:
    image = checked_image(upload, field="picture")
    content, extension = _resized(image)
    old = (user.picture.name or "") if user.picture else ""
    name = default_storage.save(
        f"{FOLDER}/{secrets.token_urlsafe(12)}.{extension}", ContentFile(content)
    )
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(picture=name)
        _delete_later(old)
    user.picture.name = name
    return user


def picture_delete(*, user: User) -> User:
    old = (user.picture.name or "") if user.picture else ""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(picture="")
        _delete_later(old)
    user.picture.name = ""
    return user
