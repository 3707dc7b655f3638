"""Check-in tasks: the staff dashboards' frames, at most one per event per second."""

from __future__ import annotations

from celery import shared_task

from backend.checkin.services.dashboards import dashboards_publish


@shared_task(name="checkin.dashboards", ignore_result=True)
def dashboards() -> int:
    return dashboards_publish()
