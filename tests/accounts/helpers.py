"""Signing test users in the way clients do, without going through an SMS each time."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import AuthSession, User
from backend.accounts.services.sessions import TokenPair, session_start


def sign_in(user: User, method: str = AuthSession.Method.OTP, **kwargs: Any) -> TokenPair:
    return session_start(user=user, method=method, **kwargs)


def bearer(pair: TokenPair | str) -> dict[str, str]:
    access = pair if isinstance(pair, str) else pair.access
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}
