"""Signed-in sessions and their JWTs.

Each sign-in starts an :class:`AuthSession`; its id travels in both tokens as ``sid``.
Refreshing rotates the refresh token inside the session (the old one is blacklisted).
Presenting a refresh token that was already rotated means it leaked: the whole session is
revoked — except the token rotated last, within ``JWT_REFRESH_REUSE_SECONDS`` of its
rotation, which gets a fresh pair: the browser lost the answer that carried its successor (a
reload cut the request short) and still holds the old cookie.

Revoking a session blacklists its refresh token and marks the session so that its access
tokens stop working at once too (a cache entry every API request checks).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken, UntypedToken

from backend.accounts.models import AuthSession, User
from backend.core.errors import ApplicationError

SID_CLAIM = "sid"


class InvalidRefreshToken(ApplicationError):
    status, code, message = 401, "not_authenticated", "This session has ended; sign in again."


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    session: AuthSession


def _revoked_key(sid: str) -> str:
    return f"session-revoked:{sid}"


def session_is_revoked(sid: str) -> bool:
    """Cheap check for every authenticated request (access tokens outlive nothing else)."""
    return cache.get(_revoked_key(sid)) is not None


def _remember_revoked(sid: str) -> None:
    lifetime = settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds()
    cache.set(_revoked_key(sid), 1, timeout=int(lifetime) + 60)


def _outstanding(token: RefreshToken, user: User) -> None:
    OutstandingToken.objects.create(
        user=user,
        jti=token["jti"],
        token=str(token),
        created_at=token.current_time,
        expires_at=datetime.fromtimestamp(token["exp"], tz=UTC),
    )


@transaction.atomic
def session_start(
    *, user: User, method: str, user_agent: str = "", ip: str | None = None
) -> TokenPair:
    sid = uuid.uuid4()
    refresh = RefreshToken()
    refresh[settings.SIMPLE_JWT["USER_ID_CLAIM"]] = user.pk
    refresh[SID_CLAIM] = str(sid)
    _outstanding(refresh, user)
    session = AuthSession.objects.create(
        id=sid,
        user=user,
        method=method,
        user_agent=user_agent[:300],
        ip=ip,
        expires_at=datetime.fromtimestamp(refresh["exp"], tz=UTC),
        refresh_jti=refresh["jti"],
    )
    return TokenPair(str(refresh.access_token), str(refresh), session)


@dataclass(frozen=True)
class _Presented:
    token: RefreshToken | None  # usable: signed by us, unexpired, not blacklisted
    sid: str | None
    jti: str | None


def _read_refresh(raw: str) -> _Presented:
    try:
        token = RefreshToken(raw)
    except TokenError:
        try:  # signed by us but blacklisted (or not a refresh token): whose session?
            payload = UntypedToken(raw).payload
        except TokenError:
            return _Presented(None, None, None)
        return _Presented(None, payload.get(SID_CLAIM), payload.get("jti"))
    return _Presented(token, token.payload.get(SID_CLAIM), token["jti"])


def session_refresh(*, raw_refresh: str, user_agent: str = "", ip: str | None = None) -> TokenPair:
    presented = _read_refresh(raw_refresh)
    if presented.token is None and presented.sid and presented.jti:
        again = _rotate_again(presented.sid, presented.jti, user_agent, ip)
        if again is not None:
            return again
    if presented.token is None:
        if presented.sid and BlacklistedToken.objects.filter(token__jti=presented.jti).exists():
            # A token that was already rotated came back: someone else holds this
            # session's tokens. End the session for everyone (committed before we refuse).
            session_revoke_by_id(sid=presented.sid)
        raise InvalidRefreshToken()
    return _rotate(presented.token, presented.sid, user_agent, ip)


@transaction.atomic
def _rotate(token: RefreshToken, sid: str | None, user_agent: str, ip: str | None) -> TokenPair:
    session = (
        AuthSession.objects.select_for_update().select_related("user").filter(id=sid).first()
        if sid
        else None
    )
    if (
        session is None
        or session.revoked_at is not None
        or session.refresh_jti != token["jti"]
        or not session.user.is_active
    ):
        raise InvalidRefreshToken()
    token.blacklist()
    session.previous_refresh_jti = token["jti"]
    session.rotated_at = timezone.now()
    token.set_jti()
    token.set_exp()
    token.set_iat()
    return _issue(session, token, user_agent, ip)


@transaction.atomic
def _rotate_again(sid: str, jti: str, user_agent: str, ip: str | None) -> TokenPair | None:
    """A fresh pair for the token rotated last, if it came back within the grace period.

    The successor that never reached the browser is blacklisted; the grace runs from the
    first rotation, so resending the old token does not keep it alive.
    """
    session = AuthSession.objects.select_for_update().select_related("user").filter(id=sid).first()
    if (
        session is None
        or session.revoked_at is not None
        or not session.user.is_active
        or not session.previous_refresh_jti
        or session.previous_refresh_jti != jti
        or session.rotated_at is None
        or (timezone.now() - session.rotated_at).total_seconds()
        > settings.JWT_REFRESH_REUSE_SECONDS
    ):
        return None
    _blacklist_jti(session.refresh_jti)
    token = RefreshToken()
    token[settings.SIMPLE_JWT["USER_ID_CLAIM"]] = session.user.pk
    token[SID_CLAIM] = str(session.id)
    return _issue(session, token, user_agent, ip)


def _issue(session: AuthSession, token: RefreshToken, user_agent: str, ip: str | None) -> TokenPair:
    """Record ``token`` as the session's newest refresh token; its pair."""
    _outstanding(token, session.user)
    session.refresh_jti = token["jti"]
    session.last_used_at = timezone.now()
    session.expires_at = datetime.fromtimestamp(token["exp"], tz=UTC)
    if user_agent:
        session.user_agent = user_agent[:300]
    if ip:
        session.ip = ip
    session.save(
        update_fields=[
            "refresh_jti", "previous_refresh_jti", "rotated_at", "last_used_at", "expires_at",
            "user_agent", "ip",
        ]
    )  # fmt: skip
    return TokenPair(str(token.access_token), str(token), session)


def _blacklist_jti(jti: str) -> None:
    outstanding = OutstandingToken.objects.filter(jti=jti).first()
    if outstanding is not None:
        BlacklistedToken.objects.get_or_create(token=outstanding)


@transaction.atomic
def session_revoke(*, session: AuthSession) -> None:
    locked = AuthSession.objects.select_for_update().get(id=session.id)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        _blacklist_jti(locked.refresh_jti)
    transaction.on_commit(lambda: _remember_revoked(str(locked.id)))


def session_revoke_by_id(*, sid: str) -> None:
    session = AuthSession.objects.filter(id=sid).first()
    if session is not None:
        session_revoke(session=session)


def sessions_revoke_all(*, user: User, keep: str | None = None) -> int:
    """End every live session of a user (but ``keep``); returns how many ended."""
    live = AuthSession.objects.filter(user=user, revoked_at__isnull=True)
    if keep:
        live = live.exclude(id=keep)
    sessions = list(live)
    for session in sessions:
        session_revoke(session=session)
    return len(sessions)


def session_revoke_refresh(*, raw_refresh: str) -> bool:
    """Logout by refresh token: end its session. False if the token was not ours."""
    sid = _read_refresh(raw_refresh).sid
    if not sid:
        return False
    session_revoke_by_id(sid=sid)
    return True
