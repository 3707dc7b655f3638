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

from backend.settings import *  # noqa: E402, F403

# A frame that cannot be serialized fails in the publish() call that made it.
REALTIME_SERIALIZE_AT_PUBLISH = True

# Uploaded images go to a folder of this run, not to the checkout's var/media. The servers
# the suite starts inherit it through the environment.
import tempfile  # noqa: E402

MEDIA_ROOT = Path(  # noqa: F405
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="gatehouse-media-"))
)
