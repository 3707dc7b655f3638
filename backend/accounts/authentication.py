"""DRF authentication: JWT access tokens (``Bearer``) and scanner devices (``Device``)."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.tokens import Token

from backend.accounts.models import ScannerDevice, User
from backend.accounts.services.devices import device_authenticate
from backend.accounts.services.sessions import SID_CLAIM, session_is_revoked


class SessionJWTAuthentication(JWTAuthentication):
    """Bearer access tokens, refused as soon as their session is revoked."""

    def get_validated_token(self, raw_token: bytes) -> Token:
        token = super().get_validated_token(raw_token)
        sid = token.get(SID_CLAIM)
        if not sid or session_is_revoked(sid):
            raise AuthenticationFailed("This session has ended; sign in again.")
        return token


class DevicePrincipal:
    """``request.user`` for a scanning station: authenticated, with only the scanner role."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, device: ScannerDevice) -> None:
        self.device = device

    def __str__(self) -> str:
        return f"device {self.device.label}"


Principal: TypeAlias = User | AnonymousUser | DevicePrincipal
"""Who a request acts as (``request.user``): an account, nobody, or a scanning station."""


class DeviceAuthentication(BaseAuthentication):
    keyword = b"device"

    def authenticate(self, request: Request) -> tuple[DevicePrincipal, ScannerDevice] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Use 'Authorization: Device <token>'.")
        device = device_authenticate(token=parts[1].decode(errors="replace"))
        if device is None:
            raise AuthenticationFailed("This device token is not valid or was revoked.")
        return DevicePrincipal(device), device

    def authenticate_header(self, request: Request) -> str:
        return 'Device realm="api"'
