"""Whether this process is shutting down (a web node told to stop).

``backend.serve`` calls :func:`begin_shutdown` when its server gets SIGTERM or SIGINT: from
then on ``/api/health/ready/`` answers 503 (a balancer stops sending it work) while the node
finishes what it has in flight. One flag per process; set once, never cleared.
"""

from __future__ import annotations

import threading

_stopping = threading.Event()


def begin_shutdown() -> None:
    _stopping.set()


def shutting_down() -> bool:
    return _stopping.is_set()
