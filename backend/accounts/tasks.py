"""Accounts tasks: thin, they load by id and call the provider or a service."""

from __future__ import annotations

from celery import Task, shared_task

from backend.accounts.services import otp_delivery as delivery
from backend.accounts.sms import ProviderUnavailable

DELIVERY_RETRIES = 3


@shared_task(name="accounts.otp_deliver", bind=True, max_retries=DELIVERY_RETRIES, acks_late=True)
def otp_deliver(
    self: Task, request_id: str, sealed_code: str, locale: str, limit_member: str
) -> None:
    """Hand one code to the SMS provider, retried with backoff while it cannot be reached."""
    may_retry = not self.request.is_eager and self.request.retries < DELIVERY_RETRIES
    try:
        delivery.otp_deliver(
            request_id=request_id,
            sealed_code=sealed_code,
            locale=locale,
            limit_member=limit_member,
            may_retry=may_retry,
        )
    except ProviderUnavailable as error:
        raise self.retry(countdown=2 ** (self.request.retries + 1)) from error
