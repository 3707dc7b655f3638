"""Demo data: one loader per scenario, run in order by ``manage.py demo``.

Each loader is idempotent (it finds what exists before it creates anything) and returns a
line describing what is there.  Each app's loaders are listed in ``LOADERS``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.module_loading import import_string

LOADERS: list[str] = [
    "backend.inventory.demo.load_vip_evening",
    "backend.inventory.demo.load_resorts",
    "backend.inventory.demo.load_meeting_rooms",
    "backend.inventory.demo.load_festival",
    "backend.inventory.demo.load_repair_shop",
    "backend.checkin.demo.load_festival_gates",
    "backend.inventory.demo.load_demo_staff",
]


def load_demo(report: Callable[[str], None]) -> int:
    """Run every loader in its own transaction; returns how many ran."""
    for dotted in LOADERS:
        with transaction.atomic():
            report(import_string(dotted)())
    return len(LOADERS)
