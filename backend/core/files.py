"""Stored files: take a replaced or deleted one out of the storage once the change commits
(a rollback keeps the file its row still names)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.fields.files import FieldFile


def forget_file(file: FieldFile | None) -> None:
    """Delete ``file`` from its storage after commit (nothing when the field is empty)."""
    if not file or not file.name:
        return
    storage, name = file.storage, file.name

    def delete() -> None:
        storage.delete(name)

    transaction.on_commit(delete, robust=True)
