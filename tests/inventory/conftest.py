"""Fixtures of the inventory tests: an event on sale with slots, and people to hold them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory

T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


@pytest.fixture(params=["one statement", "plain"])
def hold_path(request: Any, settings: Any) -> str:
    """Each hold test both ways on PostgreSQL: ``inventory_hold_take`` and the plain ORM path
    (the only one on SQLite, where the first param is skipped)."""
    from django.db import connection

    if request.param == "one statement" and connection.vendor != "postgresql":
        pytest.skip("the one-statement hold is PostgreSQL's")
    settings.HOLDS_ONE_STATEMENT = request.param == "one statement"
    return str(request.param)


@pytest.fixture
def event() -> Any:
    return EventFactory(
        slug="fest",
        starts_at=datetime(2026, 12, 1, 18, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 1, 23, 0, tzinfo=UTC),
        hold_minutes=10,
        max_hold_extensions=1,
        max_quantity_per_hold=10,
    )


@pytest.fixture
def slot_of(event: Any) -> Any:
    """``slot_of(capacity)``: a new ticket type of the event with one slot."""

    def make(capacity: int = 10, price: str = "100.00") -> Any:
        return SlotFactory(resource=ResourceFactory(event=event, units=capacity, price=price))

    return make


@pytest.fixture
def guest() -> Any:
    return UserFactory()


@pytest.fixture
def guests() -> Any:
    return lambda n: [UserFactory() for _ in range(n)]
