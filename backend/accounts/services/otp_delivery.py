"""Handing a sign-in code to the SMS provider (the ``accounts.otp_deliver`` task runs this).

Refused (decoy) requests, and requests sharing a live verification, end here unsent. When
the provider cannot be reached the task retries (``ProviderUnavailable`` is raised while it
still may); when it refuses the number, or the last try fails, the request is dead and its
send is refunded to the rate limits.
"""

from __future__ import annotations

import logging

from backend.accounts.models import OtpRequest
from backend.accounts.services.codes import unseal_code
from backend.accounts.services.otp import otp_delivery_failed
from backend.accounts.sms import ProviderRejected, ProviderUnavailable, get_provider

logger = logging.getLogger(__name__)


def otp_deliver(
    *, request_id: str, sealed_code: str, locale: str, limit_member: str, may_retry: bool
) -> None:
    otp = OtpRequest.objects.filter(id=request_id).first()
    if otp is None or otp.status != OtpRequest.Status.PENDING or otp.provider_ref:
        return  # gone, refused, or sharing a live verification (nothing to send)

    def failed() -> None:
        otp_delivery_failed(
            request_id=request_id, phone=otp.phone, ip=otp.ip, limit_member=limit_member
        )

    provider = get_provider(otp.provider)
    code = unseal_code(sealed_code) if sealed_code else None
    if not provider.generates_codes and code is None:
        logger.error("OTP %s: the sealed code could not be opened", request_id)
        failed()
        return
    try:
        reference = provider.start(phone=otp.phone, code=code, locale=locale)
    except ProviderUnavailable as error:
        if may_retry:
            raise
        logger.warning("OTP %s not sent, %s unavailable: %s", request_id, provider.name, error)
        failed()
    except ProviderRejected as error:
        logger.warning("OTP %s refused by %s: %s", request_id, provider.name, error.reason)
        failed()
    else:
        if reference:
            OtpRequest.objects.filter(id=request_id).update(provider_ref=reference)
