"""Suite-wide fixtures and the service markers.

``@pytest.mark.postgres`` and ``@pytest.mark.redis`` tests need the real services; without
them they are skipped, except when ``GATEHOUSE_REQUIRE_SERVICES=1`` (CI), where a missing
service fails the run instead.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from asgiref.sync import SyncToAsync
from django.conf import settings
from django.db import connections

from backend.realtime import Published, capture_publishes
from backend.realtime.dispatcher import dispatcher


def _missing_service(marker: str) -> str | None:
    if marker == "postgres" and settings.DATABASES["default"]["ENGINE"] != (
        "django.db.backends.postgresql"
    ):
        return "PostgreSQL (set DATABASE_URL)"
    if marker == "redis" and not settings.REDIS_URL:
        return "Redis (set REDIS_URL)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("postgres", "redis"):
        if item.get_closest_marker(marker) is None:
            continue
        missing = _missing_service(marker)
        if missing is None:
            continue
        if settings.GATEHOUSE_REQUIRE_SERVICES:
            pytest.fail(f"GATEHOUSE_REQUIRE_SERVICES=1 but {missing} is missing")
        pytest.skip(f"needs {missing}")


@pytest.fixture
def captured_publishes() -> Iterator[list[Published]]:
    """What services published, as handed to the dispatcher once their transaction commits.

    Commit happens for real in ``transactional_db`` tests; in ``db`` tests wrap the action in
    ``django_capture_on_commit_callbacks(execute=True)``.
    """
    with capture_publishes() as sink:
        yield sink


@pytest.fixture
def drain_realtime() -> Iterator[object]:
    """Call it to wait until every committed publish has reached the channel layer."""

    def drain(flush_windows: bool = True) -> None:
        dispatcher.drain(flush_windows=flush_windows)

    yield drain
    dispatcher.drain()


@pytest.fixture(autouse=True)
def _close_connections_of_async_tests() -> Iterator[None]:
    """Async tests reach the database from asgiref's shared sync thread; close its
    connections after each test so the test database can be dropped at the end."""
    yield
    executor = SyncToAsync.single_thread_executor
    executor.submit(connections.close_all).result(timeout=10)


def require_binary(name: str) -> str:
    """The path of a system tool a test needs (installed by .ci/run)."""
    import shutil

    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path is None:
        if settings.GATEHOUSE_REQUIRE_SERVICES:
            pytest.fail(f"{name} is not installed (.ci/run installs it)")
        pytest.skip(f"needs {name}")
    return path
