"""Settings of the observability tests' server and worker processes: the suite's, with
tests.support.observed's views, and the tasks on a queue of the test's own (so a worker
started by the test takes only them)."""

import os

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.observed"
# Errors answered as in production (handler500's JSON, not Django's debug page).
DEBUG = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("OBSERVED_QUEUE", "celery")
