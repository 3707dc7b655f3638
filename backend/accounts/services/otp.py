"""Phone sign-in with one-time codes.

Requesting a code, in this order: the phone must be a valid mobile; the per-IP limit; the
per-phone limits, counted for every request whether or not it will be sent; then
eligibility.  Because the limits come first and apply to everyone, their answers never tell
an allowlisted phone from another.  An ineligible request is still recorded and still goes
through the task queue (which then sends nothing), so a refusal costs the same work as a
send.

The per-phone limits are counted per requesting address (a 60 s cooldown and 3 sends per
10 minutes) and, more loosely, per phone in total (10 per 10 minutes): a stranger asking
for codes to someone else's phone uses up their own address's allowance, not the owner's.
And a new request never kills a code already on its way: every code lives until it is used,
checked 5 times or 5 minutes old, so nobody can replace the code the owner just received.
Signing in with one code uses up the phone's other outstanding codes.

Verifying a code: at most 5 checks per code, the code dies after 5 minutes or after use.  A
check the SMS provider could not answer costs no attempt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.accounts.hooks import event_named
from backend.accounts.models import OtpRequest, User
from backend.accounts.phones import InvalidPhone, normalize_mobile, normalize_phone, region_of
from backend.accounts.services.allowlist import allowlist_may_book
from backend.accounts.services.codes import (
    code_matches,
    generate_code,
    hash_code,
    normalize_code,
    seal_code,
)
from backend.accounts.services.registration import unproved_phone_claims_drop
from backend.accounts.sms import CheckResult, ProviderRejected, ProviderUnavailable, get_provider
from backend.core import ratelimit
from backend.core.errors import (
    ApplicationError,
    Forbidden,
    NotFound,
    RateLimited,
    ServiceUnavailable,
    ValidationError,
)
from backend.core.ratelimit import Limit, address_key
from backend.core.tasks import enqueue

if TYPE_CHECKING:
    from uuid import UUID

    from backend.inventory.models import Event

Status = OtpRequest.Status
logger = logging.getLogger(__name__)


class OtpRefused(Forbidden):
    """The one answer for every phone an allowlist-only event will not send a code to."""

    code = "forbidden"
    message = "We cannot send a sign-in code to this number for this event."


class OtpCheckFailed(ApplicationError):
    status = 400


class SmsUnavailable(ServiceUnavailable):
    code = "sms_unavailable"
    message = "We could not reach our SMS provider. Nothing was used up; try again shortly."


def send_limits(phone: str, ip: str | None) -> list[tuple[Limit, str]]:
    """The limits on codes to ``phone`` asked for from ``ip``: a cooldown and a count per
    (phone, address), and a looser count per phone from every address together."""
    window = settings.OTP_SEND_WINDOW_SECONDS
    mine = f"{phone}:{address_key(ip)}"
    return [
        (Limit("otp-cooldown", 1, settings.OTP_RESEND_COOLDOWN_SECONDS), mine),
        (Limit("otp-sends", settings.OTP_SENDS_PER_WINDOW, window), mine),
        (Limit("otp-sends-phone", settings.OTP_SENDS_PER_PHONE, window), phone),
    ]


def recorded_send_wait(phone: str, ip: str | None, now: datetime) -> float:
    """The per-phone limits of ``send_limits`` counted again from the requests recorded in
    PostgreSQL (all but those whose send failed: those cost nothing): seconds to wait, or 0.

    Redis counts first, atomically; this floor keeps the limits true when Redis has lost its
    counts (a restart, a flush, a failover), as the security rules promise: rate limits are
    worth nothing if restarting a cache resets them. One indexed query (otp_phone_recent)."""
    window = timedelta(seconds=settings.OTP_SEND_WINDOW_SECONDS)
    cooldown = timedelta(seconds=settings.OTP_RESEND_COOLDOWN_SECONDS)
    recent = list(
        OtpRequest.objects.filter(phone=phone, created_at__gt=now - window)
        .exclude(status=Status.FAILED)
        .order_by("-created_at")
        .values_list("created_at", "ip")[: settings.OTP_SENDS_PER_PHONE]
    )
    waits = [timedelta(0)]
    if len(recent) >= settings.OTP_SENDS_PER_PHONE:
        waits.append(recent[-1][0] + window - now)
    mine = [at for at, row_ip in recent if address_key(row_ip) == address_key(ip)]
    if len(mine) >= settings.OTP_SENDS_PER_WINDOW:
        waits.append(mine[settings.OTP_SENDS_PER_WINDOW - 1] + window - now)
    if mine:
        waits.append(mine[0] + cooldown - now)
    return max(waits).total_seconds()


def _ip_limit(kind: str, count: int) -> Limit:
    return Limit(f"otp-{kind}-ip", count, settings.OTP_IP_WINDOW_SECONDS)


@dataclass(frozen=True)
class OtpSent:
    request_id: str
    expires_in: int
    resend_in: int


def _phone_or_error(raw: object, *, mobile: bool, region: str | None = None) -> str:
    try:
        return (
            normalize_mobile(raw, region=region) if mobile else normalize_phone(raw, region=region)
        )
    except InvalidPhone as error:
        raise ValidationError(fields={"phone": [str(error)]}) from None


def _eligible(phone: str, event: Event | None) -> bool:
    if event is not None and event.allowlist_only:
        return allowlist_may_book(event=event, phone=phone)
    # Anyone may sign in, except an account staff switched off (it gets a decoy request).
    return not User.objects.filter(phone=phone, is_active=False).exists()


def otp_request(
    *,
    phone: object,
    event_slug: str | None = None,
    language: str | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> OtpSent:
    now = now or timezone.now()
    event = None
    if event_slug is not None:
        event = event_named(event_slug, listed=True)  # never a draft
        if event is None:
            raise ValidationError(fields={"event": ["There is no such event."]})
    e164 = _phone_or_error(phone, mobile=True, region=region_of(event))
    if ip:
        ratelimit.check((_ip_limit("request", settings.OTP_REQUESTS_PER_IP), address_key(ip)))
    decision, send_hit = ratelimit.hit(*send_limits(e164, ip), now=now.timestamp())
    decision.raise_if_refused("Please wait before asking for another code.")
    wait = recorded_send_wait(e164, ip, now)
    if wait > 0:
        send_hit.refund()
        raise RateLimited(wait, "Please wait before asking for another code.")

    eligible = _eligible(e164, event)
    provider = get_provider()
    locale = language or (event.language if event else "en")
    with transaction.atomic():
        otp = OtpRequest(
            phone=e164,
            event_id=event.pk if event is not None else None,
            provider=provider.name,
            status=Status.PENDING if eligible else Status.REFUSED,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.OTP_TTL_SECONDS),
            ip=ip,
        )
        sealed = ""
        if not provider.generates_codes:
            # A refused request gets a code too, never sent: the same work, the same row.
            code = generate_code()
            otp.code_hash = hash_code(str(otp.id), code)
            sealed = seal_code(code)
        elif eligible:
            _share_live_verification(otp, now)
        otp.save(force_insert=True)

        enqueue("accounts.otp_deliver", str(otp.id), sealed, locale, send_hit.member)

    otp.refresh_from_db(fields=["status"])  # in process, the task has already run
    if not eligible and event is not None and event.allowlist_only:
        raise OtpRefused()
    if otp.status == Status.FAILED:
        raise SmsUnavailable()
    return OtpSent(str(otp.id), settings.OTP_TTL_SECONDS, settings.OTP_RESEND_COOLDOWN_SECONDS)


def _share_live_verification(otp: OtpRequest, now: datetime) -> None:
    """A provider that makes the codes keeps one verification per number, and a new one
    may replace the code already delivered (Unifonic does): while one we started is live,
    a new request shares it (nothing is sent; the code the phone has works for it too)."""
    live = (
        OtpRequest.objects.filter(
            phone=otp.phone,
            provider=otp.provider,
            status=Status.PENDING,
            expires_at__gt=now,
        )
        .exclude(provider_ref="")
        .order_by("-created_at")
        .first()
    )
    if live is not None:
        otp.provider_ref, otp.expires_at = live.provider_ref, live.expires_at


def otp_delivery_failed(*, request_id: str, phone: str, ip: str | None, limit_member: str) -> None:
    """The provider never took the code: the request is dead, and costs no send."""
    OtpRequest.objects.filter(id=request_id, status=Status.PENDING).update(status=Status.FAILED)
    keys = tuple((limit.key(subject), limit) for limit, subject in send_limits(phone, ip))
    ratelimit.Hit(keys, limit_member).refund()


def _failure(code: str, message: str, otp: OtpRequest | None = None) -> OtpCheckFailed:
    remaining = max(0, settings.OTP_MAX_CHECKS - otp.attempts) if otp is not None else 0
    return OtpCheckFailed(message, code=code, attempts_remaining=remaining)


def _check(otp: OtpRequest, code: str, ip: str | None) -> CheckResult:
    if otp.status == Status.REFUSED:
        return CheckResult.WRONG  # a decoy: behaves exactly like a real request
    provider = get_provider(otp.provider)
    if not provider.generates_codes:
        return (
            CheckResult.APPROVED
            if code_matches(str(otp.id), code, otp.code_hash)
            else CheckResult.WRONG
        )
    # A provider that makes the codes (Twilio Verify, Unifonic) keeps one verification per
    # number, whose few checks every request for that number shares: one address may only
    # spend some of them, or a stranger could use up the owner's code.
    share = Limit(
        "otp-provider-checks",
        settings.OTP_PROVIDER_CHECKS_PER_ADDRESS,
        settings.OTP_SEND_WINDOW_SECONDS,
    )
    allowed, _ = ratelimit.hit((share, f"{otp.phone}:{address_key(ip)}"))
    if not allowed.allowed:
        return CheckResult.WRONG
    try:
        return provider.check(phone=otp.phone, reference=otp.provider_ref, code=code)
    except ProviderUnavailable:
        raise SmsUnavailable() from None
    except ProviderRejected as error:
        # The provider refused the question itself (not the code): not the user's fault,
        # so it costs no attempt either.
        logger.warning("OTP %s: %s refused the check: %s", otp.id, provider.name, error.reason)
        raise SmsUnavailable() from None


def otp_verify(
    *,
    phone: object,
    request_id: UUID | str,
    code: object,
    ip: str | None = None,
    now: datetime | None = None,
) -> User:
    """The user the code proves (created on first sign-in), or an OtpCheckFailed."""
    now = now or timezone.now()
    # Read as the request read it: in the country of the event it named, if any.
    asked = OtpRequest.objects.select_related("event__venue").filter(id=request_id).first()
    e164 = _phone_or_error(phone, mobile=False, region=region_of(asked.event if asked else None))
    digits = normalize_code(code)
    if digits is None:
        raise ValidationError(fields={"code": ["Enter the digits of the code we sent."]})
    if ip:
        ratelimit.check((_ip_limit("verify", settings.OTP_VERIFIES_PER_IP), address_key(ip)))

    with transaction.atomic():
        otp = OtpRequest.objects.select_for_update().filter(id=request_id, phone=e164).first()
        if otp is None:
            raise NotFound("No code was requested with this request_id for this phone.")
        failure = _refusal_before_check(otp, now)
        if failure is None:
            result = _check(otp, digits, ip)  # may raise SmsUnavailable: nothing written
            failure = _record_check(otp, result, now)
        else:
            otp.save(update_fields=["status"])
        if failure is None:
            unproved_phone_claims_drop(phone=e164)
            user, _ = User.objects.get_or_create(phone=e164)
            User.objects.filter(pk=user.pk).update(verified_phone=e164)
            user.verified_phone = e164
            # Signed in: the phone's other outstanding codes are used up with this one.
            OtpRequest.objects.filter(phone=e164, status=Status.PENDING).exclude(pk=otp.pk).update(
                status=Status.SUPERSEDED
            )
    if failure is not None:
        raise failure  # after the commit: the attempt stays counted
    if not user.is_active:
        raise OtpRefused()
    return user


def _refusal_before_check(otp: OtpRequest, now: datetime) -> OtpCheckFailed | None:
    if otp.status == Status.FAILED:
        raise SmsUnavailable("We could not send this code. Ask for a new one.")
    if otp.status == Status.VERIFIED:
        return _failure("otp_used", "This code was already used; ask for a new one.")
    if otp.status == Status.SUPERSEDED:
        return _failure("otp_superseded", "A newer code was sent; use that one.")
    if otp.status == Status.EXHAUSTED or otp.attempts >= settings.OTP_MAX_CHECKS:
        otp.status = Status.EXHAUSTED
        return _failure("otp_exhausted", "Too many wrong codes; ask for a new one.")
    if otp.status == Status.EXPIRED or now >= otp.expires_at:
        otp.status = Status.EXPIRED
        return _failure("otp_expired", "This code has expired; ask for a new one.")
    return None


def _record_check(otp: OtpRequest, result: CheckResult, now: datetime) -> OtpCheckFailed | None:
    if result is CheckResult.APPROVED:
        otp.status, otp.verified_at = Status.VERIFIED, now
        otp.save(update_fields=["status", "verified_at"])
        return None
    if result is CheckResult.EXPIRED:
        otp.status = Status.EXPIRED
        otp.save(update_fields=["status"])
        return _failure("otp_expired", "This code has expired; ask for a new one.")
    otp.attempts += 1
    if result is CheckResult.EXHAUSTED:
        otp.attempts = max(otp.attempts, settings.OTP_MAX_CHECKS)
    if otp.attempts >= settings.OTP_MAX_CHECKS:
        otp.status = Status.EXHAUSTED
    otp.save(update_fields=["attempts", "status"])
    if otp.status == Status.EXHAUSTED and result is CheckResult.EXHAUSTED:
        return _failure("otp_exhausted", "Too many wrong codes; ask for a new one.", otp)
    message = (
        "Wrong code. No attempts left; ask for a new one."
        if otp.status == Status.EXHAUSTED
        else "Wrong code; try again."
    )
    return _failure("otp_invalid", message, otp)
