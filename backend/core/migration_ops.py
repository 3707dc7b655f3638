"""Migration operations shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db import migrations


class PostgresSQL(migrations.RunSQL):
    """SQL that only PostgreSQL runs (server-side functions); the embedded SQLite mode keeps
    the plain ORM path, which needs none of it."""

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)
