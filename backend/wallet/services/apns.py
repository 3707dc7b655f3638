"""Telling Apple Wallet on the registered devices that a pass changed: an empty push
through Apple's push notification service (APNs), over HTTP/2 when the ``h2`` package is
installed, authenticated by the pass certificate (TLS client certificate), with the pass
type as ``apns-topic``. The device then asks our PassKit web service what changed."""

from __future__ import annotations

import importlib.util
import logging
import ssl

import httpx
from django.conf import settings

from backend.wallet.models import AppleDevice, AppleRegistration, WalletPass
from backend.wallet.services.apple import apple_configured

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10.0
HTTP2 = importlib.util.find_spec("h2") is not None


def _ssl_context() -> ssl.SSLContext:
    context = httpx.create_ssl_context()
    context.load_cert_chain(settings.APPLE_WALLET_CERT, settings.APPLE_WALLET_KEY)
    return context


def apns_client() -> httpx.Client:
    return httpx.Client(
        base_url=settings.APPLE_APNS_BASE,
        http2=HTTP2,
        verify=_ssl_context(),
        timeout=TIMEOUT_SECONDS,
    )


def pass_push(*, pass_id: int) -> int:
    """Push every device registered for the pass; returns how many APNs accepted. A device
    whose token APNs says is gone (410) is forgotten. A transport failure raises (the task
    retries)."""
    wallet_pass = WalletPass.objects.filter(pk=pass_id).first()
    if wallet_pass is None or not apple_configured():
        return 0
    tokens = set(
        AppleRegistration.objects.filter(wallet_pass=wallet_pass).values_list(
            "device__push_token", flat=True
        )
    )
    if not tokens:
        return 0
    accepted = 0
    headers = {"apns-topic": settings.APPLE_WALLET_PASS_TYPE_ID}
    with apns_client() as client:
        for token in sorted(tokens):
            answer = client.post(f"/3/device/{token}", json={}, headers=headers)
            if answer.status_code == 200:
                accepted += 1
            elif answer.status_code == 410:
                AppleDevice.objects.filter(push_token=token).delete()
            else:
                logger.warning("APNs refused a pass push (%s): %s", answer.status_code, answer.text)
    return accepted
