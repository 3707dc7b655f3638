"""Stored images: put one in a field after checking it, and take a replaced or deleted one
out of the storage once the change commits (a rollback keeps the file its row still names)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile

from backend.core.images import checked_image


def forget_file(file: FieldFile | None) -> None:
    """Delete ``file`` from its storage after commit (nothing when the field is empty)."""
    if not file or not file.name:
        return
    storage, name = file.storage, file.name

    def delete() -> None:
        storage.delete(name)

    transaction.on_commit(delete, robust=True)


def store_image(instance: Any, field: str, upload: Any, *, input_name: str) -> None:
    """Check ``upload`` (a 400 naming ``input_name`` if it is not an image we keep) and set
    it as ``instance.<field>``, forgetting the file it replaces; saved with the instance."""
    checked = checked_image(upload, field=input_name)
    forget_file(getattr(instance, field))
    setattr(instance, field, checked)
