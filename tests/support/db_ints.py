"""Integers past the bigint range must never reach the database.

SQLite (the embedded mode) raises OverflowError for them, a 500; PostgreSQL quietly compares
them as numerics, so a test on PostgreSQL alone would not see the bug.
``refuse_ints_past_bigint`` makes every database behave like SQLite here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db.backends.utils import CursorWrapper

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1


def _out_of_range(params: Any) -> int | None:
    values = params.values() if isinstance(params, dict) else params or ()
    for value in values:
        if isinstance(value, list | tuple):
            found = _out_of_range(value)
            if found is not None:
                return found
        elif isinstance(value, int) and not BIGINT_MIN <= value <= BIGINT_MAX:
            return value
    return None


def refuse_ints_past_bigint(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on (until ``monkeypatch`` undoes it), any query with an integer parameter
    past the bigint range raises OverflowError, on every connection and thread."""
    execute = CursorWrapper._execute

    def checked(self: CursorWrapper, sql: str, params: Any, *args: Any) -> Any:
        value = _out_of_range(params)
        if value is not None:
            raise OverflowError(f"{value} reached the database (too large for a bigint)")
        return execute(self, sql, params, *args)

    monkeypatch.setattr(CursorWrapper, "_execute", checked)
