"""Payment tasks: do what we owe a provider (refund, cancel). Webhook deliveries are the
webhooks app's (``webhooks.process``, ``webhooks.recover_stuck``)."""

from __future__ import annotations

from celery import shared_task

from backend.payments.services.actions import payment_action_run, payment_actions_due


@shared_task(name="payments.run_payment_action")
def run_payment_action(payment_id: str) -> str:
    """The first try, right after commit; retries are the periodic job's."""
    return payment_action_run(payment_id)


@shared_task(name="payments.actions_due", ignore_result=True)
def payment_actions() -> int:
    """Every 30 seconds: refunds and cancellations that are due again."""
    return payment_actions_due()
