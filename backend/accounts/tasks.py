"""Accounts tasks: thin, they load by id and call the provider or a service."""

from __future__ import annotations

import logging

from celery import Task, shared_task

from backend.accounts.models import OtpRequest
from backend.accounts.services.codes import unseal_code
from backend.accounts.services.otp import otp_delivery_failed
from backend.accounts.sms import ProviderRejected, ProviderUnavailable, get_provider

logger = logging.getLogger(__name__)

DELIVERY_RETRIES = 3


@shared_task(name="accounts.otp_deliver", bind=True, max_retries=DELIVERY_RETRIES, acks_late=True)
def otp_deliver(
    self: Task, request_id: str, sealed_code: str, locale: str, limit_member: str
) -> None:
    """Hand one code to the SMS provider. Refused (decoy) requests end here, unsent."""
    otp = OtpRequest.objects.filter(id=request_id).first()
    if otp is None or otp.status != OtpRequest.Status.PENDING or otp.provider_ref:
        return  # gone, refused, or sharing a live verification (nothing to send)
    provider = get_provider(otp.provider)
    code = unseal_code(sealed_code) if sealed_code else None
    if not provider.generates_codes and code is None:
        logger.error("OTP %s: the sealed code could not be opened", request_id)
        otp_delivery_failed(
            request_id=request_id, phone=otp.phone, ip=otp.ip, limit_member=limit_member
        )
        return
    try:
        reference = provider.start(phone=otp.phone, code=code, locale=locale)
    except ProviderUnavailable as error:
        if not self.request.is_eager and self.request.retries < DELIVERY_RETRIES:
            raise self.retry(countdown=2 ** (self.request.retries + 1)) from error
        logger.warning("OTP %s not sent, %s unavailable: %s", request_id, provider.name, error)
        otp_delivery_failed(
            request_id=request_id, phone=otp.phone, ip=otp.ip, limit_member=limit_member
        )
    except ProviderRejected as error:
        logger.warning("OTP %s refused by %s: %s", request_id, provider.name, error.reason)
        otp_delivery_failed(
            request_id=request_id, phone=otp.phone, ip=otp.ip, limit_member=limit_member
        )
    else:
        if reference:
            OtpRequest.objects.filter(id=request_id).update(provider_ref=reference)


@shared_task(
    name="accounts.send_sms",
    autoretry_for=(ProviderUnavailable,),
    max_retries=DELIVERY_RETRIES,
    retry_backoff=True,
    acks_late=True,
)
def send_sms_message(phone: str, text: str) -> None:
    """A plain SMS (e.g. a link to the tickets) through the configured provider.

    An outage is retried (then raises; queue it with ``enqueue`` so it never fails a request);
    a refusal of the number ends here.
    """
    provider = get_provider()
    try:
        provider.send_message(phone=phone, text=text)
    except ProviderRejected as error:
        logger.warning("SMS to %s refused by %s: %s", phone, provider.name, error.reason)


@shared_task(name="accounts.send_password_reset_email", acks_late=True)
def send_password_reset_email(user_id: int) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from backend.accounts.emails import send_password_reset
    from backend.accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    send_password_reset(
        to=user.email,
        language=user.language,
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
