"""Adding or changing the phone of a signed-in account: proved with a code, like sign-in.

``phone_code_request`` is the sign-in code request itself (the same limits, eligibility and
answer). ``phone_code_verify`` checks the code with the same rules (5 checks, 5 minutes,
single use), and then the number becomes this account's, verified:

- held by nobody, or only as an unproved claim (a number typed at registration and never
  proved): it is this account's, and the claim is dropped;
- held by a phone-only account (:func:`.linking.is_phone_only`): that account is linked
  into this one (:func:`.linking.account_link`);
- held (proved) by any other account: 409 ``phone_taken``, and nothing changes (the code
  stays usable).

The code is checked before the holder is looked at, so only the phone's owner learns who
holds it. Two accounts proving the same number at the same instant: the rows of both
accounts and of the holder are locked in id order, so one wins and the other gets 409.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from backend.accounts.models import OtpRequest, User
from backend.accounts.services import otp
from backend.accounts.services.codes import normalize_code
from backend.accounts.services.linking import account_link, is_phone_only
from backend.core import ratelimit
from backend.core.errors import Conflict, NotFound, ValidationError
from backend.core.ratelimit import address_key


class PhoneTaken(Conflict):
    code = "phone_taken"
    message = "Another account uses this phone number; sign in with it to use it."


def phone_code_request(
    *, user: User, phone: object, event_slug: str | None = None, ip: str | None = None
) -> otp.OtpSent:
    return otp.otp_request(phone=phone, event_slug=event_slug, language=user.language, ip=ip)


def phone_code_verify(
    *, user: User, request_id: UUID | str, code: object, ip: str | None = None,
    now: datetime | None = None,
) -> User:  # fmt: skip
    now = now or timezone.now()
    digits = normalize_code(code)
    if digits is None:
        raise ValidationError(fields={"code": ["Enter the digits of the code we sent."]})
    if ip:
        limit = otp._ip_limit("verify", settings.OTP_VERIFIES_PER_IP)
        ratelimit.check((limit, address_key(ip)))
    with transaction.atomic():
        request = OtpRequest.objects.select_for_update().filter(id=request_id).first()
        if request is None:
            raise NotFound("No code was requested with this request_id.")
        failure = otp._refusal_before_check(request, now)
        if failure is None:
            result = otp._check(request, digits, ip)  # may raise SmsUnavailable
            failure = otp._record_check(request, result, now)
        else:
            request.save(update_fields=["status"])
        if failure is None:
            # Raises PhoneTaken, which rolls the whole check back: the code stays usable.
            me = _claim(user=user, phone=request.phone)
    if failure is not None:
        raise failure  # after the commit: the attempt stays counted
    return me


def _claim(*, user: User, phone: str) -> User:
    locked = list(
        User.objects.select_for_update().filter(Q(pk=user.pk) | Q(phone=phone)).order_by("pk")
    )
    me = next((u for u in locked if u.pk == user.pk), None)
    if me is None or not me.is_active:
        raise NotFound("Your account is gone.")
    holder = next((u for u in locked if u.pk != user.pk), None)
    if holder is not None:
        if is_phone_only(holder):
            account_link(target=me, source=holder)
        elif holder.phone_verified or not holder.email:
            raise PhoneTaken()
        else:  # an unproved claim (typed at registration): the proof wins
            User.objects.filter(pk=holder.pk).update(phone=None)
    me.phone = me.verified_phone = phone
    try:
        with transaction.atomic():
            me.save(update_fields=["phone", "verified_phone"])
    except IntegrityError:  # proved and taken by another account a moment ago
        raise PhoneTaken() from None
    return me
