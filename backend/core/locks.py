"""Named locks held until the transaction ends."""

from __future__ import annotations

from django.db import connections


def transaction_lock(name: str, *, using: str = "default") -> None:
    """Wait for, then hold until the current transaction ends, the lock called ``name``:
    transactions taking the same name run one at a time. A PostgreSQL advisory lock (on
    SQLite, which runs one writer at a time anyway, nothing to do). Call inside ``atomic``."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [name])
