"""Inventory tasks: thin wrappers the periodic scheduler (beat, or in process) calls."""

from __future__ import annotations

from celery import shared_task

from backend.inventory.services.sweeper import holds_sweep as sweep
from backend.inventory.services.waiting_room import admission_tick


@shared_task(name="inventory.holds_sweep", ignore_result=True)
def holds_sweep() -> int:
    """Every second: warn holds about to expire, release the expired ones."""
    return sweep()


@shared_task(name="inventory.waiting_room_admit", ignore_result=True)
def waiting_room_admit() -> int:
    """Every second: open the rooms due, let people in at each room's rate, push positions."""
    return admission_tick()
