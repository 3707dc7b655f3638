"""Wallet tasks: telling phones and Google that a pass changed (retried on network errors)."""

from __future__ import annotations

import httpx
from celery import shared_task

from backend.wallet.services.apns import pass_push
from backend.wallet.services.google import object_update


@shared_task(
    name="wallet.apple_push",
    autoretry_for=(httpx.TransportError,),
    retry_backoff=True,
    max_retries=5,
)
def apple_push(pass_id: int) -> int:
    return pass_push(pass_id=pass_id)


@shared_task(
    name="wallet.google_update",
    autoretry_for=(httpx.TransportError, httpx.HTTPStatusError),
    retry_backoff=True,
    max_retries=5,
)
def google_update(pass_id: int) -> bool:
    return object_update(pass_id=pass_id)
