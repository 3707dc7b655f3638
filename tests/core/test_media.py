"""Uploaded files at MEDIA_URL: served from MEDIA_ROOT as what they are, nothing outside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5c0000000049454e44ae426082"
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "vendors").mkdir(parents=True)
    (root / "vendors" / "logo.png").write_bytes(PNG)
    (tmp_path / "beside.txt").write_text("NOT-AN-UPLOAD")
    settings.MEDIA_ROOT = root
    return root


def test_an_upload_is_served_as_an_image_that_runs_nothing(media: Path) -> None:
    answer = Client().get("/media/vendors/logo.png")

    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PNG
    assert answer["Content-Type"] == "image/png"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in answer["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/media/..%2Fbeside.txt", 400),  # Django's serve() refuses a path out of its root
        ("/media/vendors/..%2F..%2Fbeside.txt", 400),
        ("/media/nothing.png", 404),
    ],
)
def test_nothing_outside_media_root_or_missing_is_served(
    media: Path, path: str, status: int
) -> None:
    answer = Client().get(path)

    assert answer.status_code == status
    assert b"NOT-AN-UPLOAD" not in answer.content


def test_only_reading_is_allowed(media: Path) -> None:
    assert Client().post("/media/vendors/logo.png").status_code == 405


def test_another_storage_serves_its_own_urls(media: Path, settings: Any) -> None:
    settings.MEDIA_STORAGE = "storages.backends.s3.S3Storage"

    assert Client().get("/media/vendors/logo.png").status_code == 404
