"""Tickets tasks: thin, they call a service by id."""

from __future__ import annotations

from celery import shared_task

from backend.tickets.services.tickets import amendments_end, amendments_orphaned_end


@shared_task(name="tickets.end_amendments", acks_late=True)
def end_amendments(original_id: str) -> int:
    """After a booking was refunded or cancelled: end the upgrades made of its tickets."""
    return amendments_end(original_id=original_id)


@shared_task(name="tickets.end_orphaned_amendments", ignore_result=True)
def end_orphaned_amendments() -> int:
    """Every minute: upgrades of refunded or cancelled bookings that are still open."""
    return amendments_orphaned_end()
