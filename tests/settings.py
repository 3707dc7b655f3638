"""The settings the test suite runs Django with: the product's, on a developer's terms.

Outside the embedded mode (CI sets DATABASE_URL and REDIS_URL) a deployment gets production:
DEBUG off and no test provider. The suite exercises the product as a developer runs it, so it
asks for both here, explicitly, before the settings load: DJANGO_DEBUG=1 and
PAYMENTS_TEST_PROVIDER=1 unless the environment says otherwise. The servers the suite starts
inherit them. Tests of production behaviour override settings per test, and the tests of the
defaults (tests/core/test_settings.py) boot Django without these two variables.
"""

import os

TEST_DEFAULTS = {"DJANGO_DEBUG": "1", "PAYMENTS_TEST_PROVIDER": "1"}
for _name, _value in TEST_DEFAULTS.items():
    os.environ.setdefault(_name, _value)


def _redis_url_of_this_worker(url: str, worker: str) -> str:
    """Under pytest-xdist each worker gets the next Redis database (gw0 the one given, gw1
    the one after), as pytest-django gives each its own PostgreSQL database: tests clear
    the cache and the rate limits, which must not reach another worker's test."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{base + int(worker.removeprefix('gw'))}"))


if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["REDIS_URL"] = _redis_url_of_this_worker(
        os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"]
    )

from backend.settings import *  # noqa: E402, F403

# A frame that cannot be serialized fails in the publish() call that made it.
REALTIME_SERIALIZE_AT_PUBLISH = True

# Uploaded images go to a folder of this run, not to the checkout's var/media. The servers
# the suite starts inherit it through the environment.
import tempfile  # noqa: E402

MEDIA_ROOT = Path(  # noqa: F405
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="gatehouse-media-"))
)
