"""Uploaded images (event pages, sponsors' and vendors' logos): checked to be what they
claim before anything is stored, and stored under names nobody chose.

An upload is opened with Pillow and must be a PNG, JPEG, WebP or GIF within the size and
dimension limits; anything else (an SVG, which can carry script, a renamed executable, a
truncated file, a decompression bomb) is a 400 naming the field. The stored name is random,
in a folder per kind, keeping only the real format's extension.
"""

from __future__ import annotations

import secrets
import warnings
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from backend.core.errors import ValidationError

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_SIDE = 6000


def image_problem(upload: Any) -> str | None:
    """Why ``upload`` is not an image we keep, or None."""
    if not isinstance(upload, UploadedFile):
        return "Upload an image file."
    if upload.size is not None and upload.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit = settings.IMAGE_UPLOAD_MAX_BYTES / 1_000_000
        return f"The image is larger than {limit:g} MB."
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        return "Not an image we can read: upload a PNG, JPEG, WebP or GIF."
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        return "Upload a PNG, JPEG, WebP or GIF."
    if width > MAX_SIDE or height > MAX_SIDE:
        return f"The image is larger than {MAX_SIDE} by {MAX_SIDE} pixels."
    upload.name = f"{secrets.token_urlsafe(12)}.{FORMATS[image_format]}"
    return None


def checked_image(upload: Any, *, field: str) -> UploadedFile:
    """``upload`` if it is an image we keep (renamed at random), or a 400 naming ``field``."""
    problem = image_problem(upload)
    if problem is not None:
        raise ValidationError(fields={field: [problem]})
    return upload


def image_url(file: Any) -> str | None:
    """The URL an image field's file is served at, or None when there is none."""
    return file.url if file else None
