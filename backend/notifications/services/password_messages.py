"""The e-mail with a link to set a new password, in the account's language. Queued by the
accounts app (``notifications.send_password_reset``) for an account that asked."""

from __future__ import annotations

from django.conf import settings

from backend.accounts.models import User
from backend.accounts.services.users import password_reset_token
from backend.notifications.services.outbox import About, email_send, language_of


def password_reset_send(*, user_id: int) -> bool:
    """Send the link to an active account's verified address; False otherwise."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email_verified:
        return False
    language = language_of(user.language)
    uid, token = password_reset_token(user)
    # The web app's page (frontend/src/features/links/), in the user's language.
    link = f"{settings.FRONTEND_URL}/reset-password?lang={language}&uid={uid}&token={token}"
    email_send(template="password_reset", language=language, to=user.verified_email,
               context={"link": link}, about=About(user=user))  # fmt: skip
    return True
