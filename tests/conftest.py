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

from backend.celery import app as celery_app
from backend.core import ratelimit
from backend.realtime import Published, capture_publishes
from backend.realtime.dispatcher import dispatcher
from tests.support.appointments import garage  # noqa: F401  (shared fixtures)
from tests.support.bookings import guest, guest_api, shop  # noqa: F401  (shared fixtures)
from tests.support.checkin import gate, station, stations, tickets  # noqa: F401  (likewise)
from tests.support.fake_razorpay import razorpay  # noqa: F401  (shared fixture)
from tests.support.fake_stripe import stripe_fake  # noqa: F401  (shared fixture)
from tests.support.fake_twilio import twilio_messaging  # noqa: F401  (shared fixture)
from tests.support.ws import connect  # noqa: F401  (the in-process websocket client fixture)

# Every 2xx answer a test gets from /api/ is checked against /api/schema/.
pytest_plugins = ["tests.support.contract"]


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


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _task_modules_imported() -> None:
    """Every app's tasks registered before any test runs: importing them later, on the first
    ``enqueue`` of a name not seen yet, makes Celery's Django fixup run ``django.setup()``
    again, which configures logging afresh and drops pytest's log capture mid-test."""
    celery_app.loader.import_default_modules()


@pytest.fixture(autouse=True)
def _tasks_run_in_process() -> Iterator[None]:
    """No worker runs during most tests: tasks run in process, as in the embedded mode.
    Tests of the real worker start one and switch this off."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _fresh_limits_and_cache() -> Iterator[None]:
    """Rate limits and the cache belong to one test (the same phones recur)."""
    from django.core.cache import cache

    yield
    ratelimit._memory._hits.clear()
    cache.clear()
    if settings.REDIS_URL:
        from backend.realtime.redis import sync_redis

        client = sync_redis()
        keys = list(client.scan_iter(f"{ratelimit.RedisStore.prefix}*"))
        if keys:
            client.delete(*keys)


@pytest.fixture
def api() -> object:
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def admin_browser(db: object) -> object:
    """A browser signed in to the admin as a superuser."""
    from django.test import Client

    from backend.accounts.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("root@example.com", "pw"))
    return client


def database_url_of_tests() -> str:
    """A DATABASE_URL for the database pytest-django set up (for a server subprocess)."""
    from urllib.parse import quote

    db = connections["default"].settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def gatehouse_server(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: object
) -> Iterator[object]:
    """The real server (daphne, ``backend.serve``) on the test database, for the module.

    Needs PostgreSQL (an in-memory SQLite test database cannot be shared with another
    process). Tests that use it should be ``transactional_db`` so what they create is
    committed and visible to the server.
    """
    import os

    from tests.support.live import live_server

    missing = _missing_service("postgres")
    if missing:
        if settings.GATEHOUSE_REQUIRE_SERVICES:
            pytest.fail(f"GATEHOUSE_REQUIRE_SERVICES=1 but {missing} is missing")
        pytest.skip(f"needs {missing}")
    var_dir = tmp_path_factory.mktemp("gatehouse-server")
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_tests(),
        "GATEHOUSE_VAR_DIR": str(var_dir),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # so tokens made here verify there
    }
    with live_server(env, var_dir) as server:
        yield server
