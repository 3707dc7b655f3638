"""E-mails about an account itself, queued by the accounts app by task name:

- ``notifications.send_email_verification``: the link that proves an address
  (``email_verify``), sent to that address while it is the account's and unverified;
- ``notifications.send_register_attempt``: someone tried to register a taken address
  (``register_attempt``): a sign-in link and a way back in (a password reset link when the
  address is verified, else a link that verifies it). Sent to the address typed, which is
  the account's own.
"""

from __future__ import annotations

from django.conf import settings

from backend.accounts.models import User
from backend.accounts.services.email_verification import email_verification_link
from backend.accounts.services.users import has_password, password_reset_token
from backend.notifications.services.outbox import About, email_send, language_of


def email_verification_send(*, user_id: int, email: str) -> bool:
    """Send the link for ``email``; False when it is no longer the account's unverified
    address (changed or verified since it was queued)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email != email or user.email_verified:
        return False
    language = language_of(user.language)
    email_send(template="email_verify", language=language, to=email,
               context={"link": email_verification_link(user=user), "name": user.name,
                        "hours": settings.EMAIL_VERIFY_MAX_AGE_HOURS},
               about=About(user=user))  # fmt: skip
    return True


def register_attempt_send(*, user_id: int, email: str) -> bool:
    """Tell the owner of ``email`` that someone tried to register it."""
    user = User.objects.filter(pk=user_id, email=email, is_active=True).first()
    if user is None:
        return False
    language = language_of(user.language)
    context = {"name": user.name, "signin_link": f"{settings.FRONTEND_URL}/signin"}
    if user.email_verified and has_password(user):
        uid, token = password_reset_token(user)
        context["reset_link"] = (
            f"{settings.FRONTEND_URL}/reset-password?lang={language}&uid={uid}&token={token}"
        )
    elif user.email_verified:
        context["forgot_link"] = f"{settings.FRONTEND_URL}/forgot-password"
    else:
        context["verify_link"] = email_verification_link(user=user)
    email_send(template="register_attempt", language=language, to=email, context=context,
               about=About(user=user))  # fmt: skip
    return True
