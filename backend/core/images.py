"""Uploaded images (event pages, sponsors' and vendors' logos): checked to be what they
claim before anything is stored, and stored under names nobody chose.

An upload is opened with Pillow and must be a PNG, JPEG, WebP or GIF within the size and
dimension limits; anything else (an SVG, which can carry script, a renamed executable, a
truncated file, a decompression bomb) is a 400 naming the field. The stored name is random,
in a folder per kind, keeping only the real format's extension.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import warnings
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

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


# Renditions: an uploaded picture resized to a few widths (never enlarged), stored as WebP
# under names made of the original's content hash, so a name always means the same bytes and
# the site serves them as immutable (``backend.core.media``; nginx likewise).
RENDITIONS_FOLDER = "renditions"


def renditions_make(file: Any, *, widths: tuple[int, ...] | None = None) -> list[dict[str, Any]]:
    """Resize the stored image ``file`` (an ImageField's file) to each width in ``widths``
    (default ``IMAGE_RENDITION_WIDTHS``) narrower than it, plus its own width when it is
    narrower than the widest; store each once (content-addressed) in the default storage.
    The answer, narrowest first: ``[{"name", "width", "height"}]``."""
    widths = tuple(sorted(set(widths or settings.IMAGE_RENDITION_WIDTHS)))
    file.open("rb")
    try:
        data = file.read()
    finally:
        file.close()
    digest = hashlib.sha256(data).hexdigest()[:20]
    with Image.open(io.BytesIO(data)) as opened:
        opened.seek(0)  # an animated GIF: its first frame
        image = ImageOps.exif_transpose(opened)
        alpha = "A" in image.getbands() or "transparency" in image.info
        image = image.convert("RGBA" if alpha else "RGB")
    chosen = [w for w in widths if w < image.width] or [image.width]
    if image.width < widths[-1] and image.width not in chosen:
        chosen.append(image.width)
    made = []
    for width in chosen:
        height = max(1, round(image.height * width / image.width))
        name = f"{RENDITIONS_FOLDER}/{digest}-{width}.webp"
        if not default_storage.exists(name):
            resized = image
            if width != image.width:
                resized = image.resize((width, height), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            resized.save(out, "WEBP", quality=82, method=4)
            default_storage.save(name, ContentFile(out.getvalue()))
        made.append({"name": name, "width": width, "height": height})
    return made


def picture_output(picture: Any) -> dict[str, Any]:
    """What the API says of a picture (an uploaded one with its renditions, or one given by
    URL): its largest URL, its size, alt text in both languages and a ``srcset``."""
    renditions = [{**r, "url": default_storage.url(r["name"])} for r in (picture.renditions or [])]
    if renditions:
        url = renditions[-1]["url"]
        width, height = renditions[-1]["width"], renditions[-1]["height"]
    elif getattr(picture, "image", None):
        url, width, height = picture.image.url, picture.width, picture.height
    else:
        url, width, height = getattr(picture, "url", ""), None, None
    return {
        "url": url,
        "width": width,
        "height": height,
        "alt": picture.alt,
        "alt_ar": picture.alt_ar,
        "srcset": ", ".join(f"{r['url']} {r['width']}w" for r in renditions),
        "renditions": [
            {"url": r["url"], "width": r["width"], "height": r["height"]} for r in renditions
        ],
    }
