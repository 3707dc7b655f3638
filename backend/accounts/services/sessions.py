"""Signed-in sessions and their JWTs.

Each sign-in starts an :class:`AuthSession`; its id travels in both tokens as ``sid``.
Refreshing rotates the refresh token inside the session. Only a hash of a refresh token's
id is stored, never a token: nothing in the database (or the admin) can be sent back as one.

A refresh token is good when it is signed by us, unexpired, and its id is the session's
newest. Presenting one that was already rotated means it leaked: the whole session is
revoked. The one exception is the token rotated last, presented again within
``JWT_REFRESH_REUSE_SECONDS`` of its rotation (the answer that carried its successor was
lost: a reload cut the request short): it gets the very pair that was issued for it, never a
new one, so a leaked token cannot fork the session. Rotation is deterministic to make that
possible without keeping tokens: the successor's id is derived from the rotated token's id
with a keyed hash, and its times are the rotation's, so the same pair can be made again.

Revoking a session is recorded in the database, which is the truth; the cache only keeps
the answer close (every API request and websocket action asks). Revocation is announced to
the session's live websocket connections at once.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken, Token, UntypedToken

from backend.accounts.models import AuthSession, User
from backend.core.audit import audit
from backend.core.errors import ApplicationError
from backend.realtime import identity_ended

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

SID_CLAIM = "sid"
# How long the cache may answer "live" for a session before the database is asked again;
# "revoked" is kept for as long as an access token of the session could live.
LIVE_CACHE_SECONDS = 30


class InvalidRefreshToken(ApplicationError):
    status, code, message = 401, "not_authenticated", "This session has ended; sign in again."


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    session: AuthSession


def token_id_hash(jti: str) -> str:
    """What is stored of a refresh token: the SHA-256 of its id (``jti``)."""
    return hashlib.sha256(jti.encode()).hexdigest()


def _derived(purpose: str, jti: str) -> str:
    """An id derived from ``jti`` with the secret key: predictable only to us."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{purpose}:{jti}".encode(), hashlib.sha256).hexdigest()[:32]


def successor_id(jti: str) -> str:
    return _derived("refresh-successor", jti)


# --- revocation -------------------------------------------------------------------------


def _state_key(sid: str) -> str:
    return f"session-state:{sid}"


def session_is_revoked(sid: str) -> bool:
    """Whether the session is over (revoked, or never ours): the cache first, the database
    when the cache does not know (after a Redis flush, say)."""
    state = cache.get(_state_key(sid))
    if state is None:
        session_id = _session_id(sid)
        if session_id is None:
            return True  # not one of our session ids at all
        live = AuthSession.objects.filter(id=session_id, revoked_at__isnull=True).exists()
        state = "live" if live else "revoked"
        # ``add``, never ``set``: a revocation committed since the read above has written
        # "revoked", which a stale "live" must not cover.
        cache.add(_state_key(sid), state, timeout=_state_timeout(state))
    return state == "revoked"


def _session_id(sid: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(sid))
    except ValueError:
        return None


def _state_timeout(state: str) -> int:
    if state == "live":
        return LIVE_CACHE_SECONDS
    return int(jwt.ACCESS_TOKEN_LIFETIME.total_seconds()) + 60


def _remember_revoked(sid: str) -> None:
    cache.set(_state_key(sid), "revoked", timeout=_state_timeout("revoked"))


# --- minting ----------------------------------------------------------------------------


def _signed(token: Token, claims: dict[str, Any]) -> str:
    token.payload = claims
    return str(token)


def _mint(session: AuthSession, jti: str, issued_at: int) -> TokenPair:
    """The pair for refresh id ``jti`` issued at ``issued_at``: the same inputs always give
    the same two tokens."""
    common = {jwt.USER_ID_CLAIM: session.user_id, SID_CLAIM: str(session.id)}
    refresh = _signed(
        RefreshToken(),
        {
            jwt.TOKEN_TYPE_CLAIM: RefreshToken.token_type,
            "exp": issued_at + int(jwt.REFRESH_TOKEN_LIFETIME.total_seconds()),
            "iat": issued_at,
            jwt.JTI_CLAIM: jti,
            **common,
        },
    )
    access = _signed(
        AccessToken(),
        {
            jwt.TOKEN_TYPE_CLAIM: AccessToken.token_type,
            "exp": issued_at + int(jwt.ACCESS_TOKEN_LIFETIME.total_seconds()),
            "iat": issued_at,
            jwt.JTI_CLAIM: _derived("access", jti),
            **common,
        },
    )
    return TokenPair(access, refresh, session)


def _refresh_expiry(issued_at: int) -> datetime:
    lifetime = int(jwt.REFRESH_TOKEN_LIFETIME.total_seconds())
    return datetime.fromtimestamp(issued_at + lifetime, tz=UTC)


@transaction.atomic
def session_start(
    *, user: User, method: str, user_agent: str = "", ip: str | None = None
) -> TokenPair:
    jti, issued_at = uuid.uuid4().hex, int(timezone.now().timestamp())
    session = AuthSession.objects.create(
        id=uuid.uuid4(),
        user=user,
        method=method,
        user_agent=user_agent[:300],
        ip=ip,
        expires_at=_refresh_expiry(issued_at),
        refresh_hash=token_id_hash(jti),
    )
    return _mint(session, jti, issued_at)


# --- refreshing -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Presented:
    token: RefreshToken | None  # usable: signed by us, unexpired, a refresh token
    sid: str | None
    jti: str | None


def _read_refresh(raw: str) -> _Presented:
    try:
        # simplejwt annotates its tokens as built from a Token; they read the encoded text
        token = RefreshToken(raw)  # type: ignore[arg-type]
    except TokenError:
        try:  # signed by us but expired or of another type: whose session was it?
            payload = UntypedToken(raw).payload  # type: ignore[arg-type]  # (the same)
        except TokenError:
            return _Presented(None, None, None)
        return _Presented(None, payload.get(SID_CLAIM), payload.get(jwt.JTI_CLAIM))
    return _Presented(token, token.payload.get(SID_CLAIM), token.payload.get(jwt.JTI_CLAIM))


def session_refresh(*, raw_refresh: str, user_agent: str = "", ip: str | None = None) -> TokenPair:
    presented = _read_refresh(raw_refresh)
    if presented.token is None or not presented.sid or not isinstance(presented.jti, str):
        raise InvalidRefreshToken()
    pair = _rotate(presented.sid, presented.jti, user_agent, ip)
    if pair is None:
        # A token that was already rotated came back: someone else holds this session's
        # tokens. End the session for everyone (committed before we refuse).
        session_revoke_by_id(sid=presented.sid)
        raise InvalidRefreshToken()
    return pair


@transaction.atomic
def _rotate(sid: str, jti: str, user_agent: str, ip: str | None) -> TokenPair | None:
    """The next pair for refresh id ``jti``, the pair already issued for it (the grace),
    or None when it was rotated before (reuse)."""
    session_id = _session_id(sid)
    session = (
        AuthSession.objects.select_for_update().select_related("user").filter(id=session_id).first()
        if session_id is not None
        else None
    )
    if session is None or session.revoked_at is not None or not session.user.is_active:
        raise InvalidRefreshToken()
    presented, now = token_id_hash(jti), timezone.now()
    successor = successor_id(jti)
    if presented == session.refresh_hash:
        session.previous_refresh_hash = presented
        session.rotated_at = now  # the successor's issue time, to the second, is kept here
        session.refresh_hash = token_id_hash(successor)
        _touch(session, int(now.timestamp()), user_agent, ip)
        return _mint(session, successor, int(now.timestamp()))
    if _within_grace(session, presented, successor, now):
        assert session.rotated_at is not None
        return _mint(session, successor, int(session.rotated_at.timestamp()))
    return None


def _within_grace(session: AuthSession, presented: str, successor: str, now: datetime) -> bool:
    """The token rotated last, back within the grace period, its successor not yet used."""
    return (
        session.rotated_at is not None
        and presented == session.previous_refresh_hash
        and session.refresh_hash == token_id_hash(successor)
        and (now - session.rotated_at).total_seconds() <= settings.JWT_REFRESH_REUSE_SECONDS
    )


def _touch(session: AuthSession, issued_at: int, user_agent: str, ip: str | None) -> None:
    session.last_used_at = timezone.now()
    session.expires_at = _refresh_expiry(issued_at)
    if user_agent:
        session.user_agent = user_agent[:300]
    if ip:
        session.ip = ip
    session.save(
        update_fields=[
            "refresh_hash", "previous_refresh_hash", "rotated_at", "last_used_at", "expires_at",
            "user_agent", "ip",
        ]
    )  # fmt: skip


# --- ending -----------------------------------------------------------------------------


@transaction.atomic
def session_revoke(*, session: AuthSession, actor: Principal | None = None) -> None:
    """End a session: its refresh token stops working, and so do its access tokens and its
    live websockets, at once. Ended by staff (``actor``, the admin): audited."""
    locked = AuthSession.objects.select_for_update().get(id=session.id)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        if actor is not None:
            audit(actor=actor, action="session.revoke", obj=locked,
                  after={"user": locked.user_id, "revoked_at": locked.revoked_at})  # fmt: skip
    transaction.on_commit(lambda: _remember_revoked(str(locked.id)))
    identity_ended("session", locked.id)


def session_revoke_by_id(*, sid: str) -> None:
    session_id = _session_id(sid)
    session = AuthSession.objects.filter(id=session_id).first() if session_id else None
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
