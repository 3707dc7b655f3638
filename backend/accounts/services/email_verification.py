"""Proving an e-mail address: a signed, single-use link to the web app's /verify-email page.

The token is signed with its own salt and names the account and the address. It works for
``EMAIL_VERIFY_MAX_AGE_HOURS``, and only while the account's e-mail is still that address and
not yet verified: using it, or changing the address, spends it. The e-mail itself is sent by
the notifications app (``notifications.send_email_verification``), which asks
:func:`email_verification_link` for the link.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction

from backend.accounts.models import User
from backend.core import ratelimit
from backend.core.errors import ApplicationError
from backend.core.ratelimit import Limit
from backend.core.tasks import enqueue

SALT = "gatehouse.accounts.email-verification"


class InvalidToken(ApplicationError):
    status, code = 400, "invalid_token"
    message = "This verification link is not valid, has expired or was already used."


class AlreadyVerified(ApplicationError):
    status, code, message = 409, "already_verified", "Your e-mail address is already verified."


class NoEmail(ApplicationError):
    status, code, message = 400, "no_email", "Your account has no e-mail address to verify."


def email_verification_token(*, user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def email_verification_link(*, user: User) -> str:
    """The web app's page that proves ``user``'s current address."""
    return f"{settings.FRONTEND_URL}/verify-email?token={email_verification_token(user=user)}"


def email_verification_enqueue(*, user: User) -> None:
    """Send a link to the account's current (unverified) address, once the change commits."""
    if user.email and not user.email_verified:
        enqueue("notifications.send_email_verification", user.pk, user.email)


def email_verify(*, token: str) -> User:
    """Mark the address the token names as verified; InvalidToken when the token is bad,
    expired, or spent (the account's address changed or is verified already)."""
    max_age = settings.EMAIL_VERIFY_MAX_AGE_HOURS * 3600
    try:
        claims = signing.loads(token, salt=SALT, max_age=max_age)
        user_id, email = int(claims["u"]), str(claims["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidToken() from None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not email or user.email != email or user.email_verified:
            raise InvalidToken()
        user.verified_email = email
        user.save(update_fields=["verified_email"])
    return user


def email_verification_resend(*, user: User) -> None:
    """Send the link again (signed in); limited per account."""
    if not user.email:
        raise NoEmail()
    if user.email_verified:
        raise AlreadyVerified()
    limit = Limit(
        "email-verify-resend",
        settings.EMAIL_VERIFY_RESENDS_PER_USER,
        settings.REGISTER_WINDOW_SECONDS,
    )
    ratelimit.check((limit, str(user.pk)))
    email_verification_enqueue(user=user)
