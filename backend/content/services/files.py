"""Stored images: put one in a field after checking it, forgetting the one it replaces
(``backend.core.files.forget_file``: out of the storage once the change commits)."""

from __future__ import annotations

from typing import Any

from backend.core.files import forget_file
from backend.core.images import checked_image

__all__ = ["forget_file", "store_image"]


def store_image(instance: Any, field: str, upload: Any, *, input_name: str) -> None:
    """Check ``upload`` (a 400 naming ``input_name`` if it is not an image we keep) and set
    it as ``instance.<field>``, forgetting the file it replaces; saved with the instance."""
    checked = checked_image(upload, field=input_name)
    forget_file(getattr(instance, field))
    setattr(instance, field, checked)
