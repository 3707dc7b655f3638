"""Accounts reads: roles and what they allow, sessions, identities behind tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from backend.accounts.hooks import event_named
from backend.accounts.models import AuthSession, OtpRequest, Role, ScannerDevice, User
from backend.accounts.roles import EVERY_EVENT, GRANTED_BY, may, require, where_may
from backend.accounts.services.devices import device_authenticate
from backend.accounts.services.sessions import SID_CLAIM, session_is_revoked
from backend.core.errors import NotFound

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

ALL_ROLES = [role.value for role in Role]


def user_roles(user: User) -> list[str]:
    """Every role the user holds on at least one event, by the same rule as ``may`` (an
    admin is staff, staff may scan); a superuser holds them all."""
    if user.is_superuser:
        return list(ALL_ROLES)
    granted = set(user.role_grants.values_list("role", flat=True))
    return [
        role
        for role in ALL_ROLES
        if role == Role.GUEST or granted.intersection(GRANTED_BY.get(role, ()))
    ]


def event_for(user: Principal, slug: str, role: str = Role.STAFF) -> Event:
    """The event named by ``slug`` if ``user`` holds ``role`` on it: 404 when there is no
    such event, 403 when it is another event's."""
    event = event_named(slug)
    if event is None:
        raise NotFound("There is no such event.")
    require(user, role, event)
    return event


def devices_visible_to(user: User) -> QuerySet[ScannerDevice]:
    """The scanning stations of the events ``user`` is staff of; a station that serves
    every event only to staff of every event."""
    devices = (
        ScannerDevice.objects.select_related("event")
        .prefetch_related("gates")
        .order_by("-created_at")
    )
    if may(user, Role.STAFF, EVERY_EVENT):
        return devices
    return devices.filter(where_may(user, Role.STAFF), event__isnull=False)


def live_sessions(user: User) -> QuerySet[AuthSession]:
    return AuthSession.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=datetime.now(UTC)
    ).order_by("-last_used_at")


def user_has_signed_in(user: User) -> bool:
    """Whether the user ever had a session (signed in before), ended or not."""
    return AuthSession.objects.filter(user=user).exists()


@dataclass(frozen=True)
class TokenIdentity:
    user: User | None
    device: ScannerDevice | None
    expires_at: float | None  # UNIX time the proof stops being valid; None: until revoked
    session: str | None = None  # the sign-in session (``sid``) a user's token belongs to


def identity_from_token(token: str) -> TokenIdentity | None:
    """Who a websocket ``auth`` frame's token proves: a user (JWT access) or a device."""
    if not isinstance(token, str) or not token or len(token) > 4096:
        return None
    if token.startswith("ghd_"):
        device = device_authenticate(token=token)
        return TokenIdentity(None, device, None) if device else None
    try:
        access = AccessToken(token)  # type: ignore[arg-type]  # simplejwt: text will do
    except TokenError:
        return None
    sid = access.get(SID_CLAIM)
    if not sid or session_is_revoked(sid):
        return None
    user = User.objects.filter(pk=access.get("user_id"), is_active=True).first()
    if user is None:
        return None
    return TokenIdentity(user, None, float(access["exp"]), session=str(sid))


def identity_reloaded(
    *, user: User | None, device: ScannerDevice | None, session: str | None
) -> tuple[User | None, ScannerDevice | None] | None:
    """The identity's account or station as they are now, read where the identity acts
    (a demoted superuser is demoted at once, not when the token ends); None when what
    proved it no longer stands: the station revoked, the session ended, the account
    switched off."""
    if device is not None:
        station = (
            ScannerDevice.objects.select_related("event")
            .filter(pk=device.pk, revoked_at__isnull=True)
            .first()
        )
        return None if station is None else (None, station)
    if user is None:
        return None, None  # anonymous: nothing to lose
    if not session or session_is_revoked(session):
        return None
    account = User.objects.filter(pk=user.pk, is_active=True).first()
    return None if account is None else (account, None)


def identity_summary(identity: TokenIdentity) -> dict[str, object]:
    """What the websocket ``auth.ok`` frame says about who signed in."""
    if identity.device is not None:
        device = identity.device
        return {
            "id": None,
            "name": device.label,
            "roles": [Role.SCANNER.value],
            "device": {
                "id": device.pk,
                "label": device.label,
                "event": device.event.slug if device.event else None,
            },
        }
    user = identity.user
    assert user is not None
    return {"id": user.pk, "name": user.name, "phone": user.phone, "roles": user_roles(user)}


def otp_request_latest(*, phone: str) -> OtpRequest | None:
    """The newest code request for an E.164 phone, whatever became of it: what a client
    that verifies by phone alone (no ``request_id``) means. Checking it with
    ``otp_verify`` then answers as for that request (wrong, expired, used, exhausted; a
    decoy behaves like a real one)."""
    return OtpRequest.objects.filter(phone=phone).order_by("-created_at").first()
