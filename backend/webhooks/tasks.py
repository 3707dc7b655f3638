"""Webhook tasks: handle a stored delivery (with a batch of other waiting ones); the periodic
recovery of lost ones."""

from __future__ import annotations

from celery import shared_task

from backend.webhooks.services import webhook_process_batch, webhooks_stuck


@shared_task(name="webhooks.process")
def process(delivery_id: int) -> None:
    webhook_process_batch(first=delivery_id)


@shared_task(name="webhooks.recover_stuck", ignore_result=True)
def recover_stuck() -> int:
    """Every 30 seconds: deliveries still waiting well after they arrived (their task was
    lost) are handled here."""
    return webhooks_stuck()
