"""DRF permissions built on roles (see selectors.user_has_role)."""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from backend.accounts.models import Role, User
from backend.accounts.selectors import user_has_role


class IsSignedInUser(BasePermission):
    """A person with an account (a scanning device is not one)."""

    message = "Sign in to do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.user, User) and request.user.is_authenticated


class IsStaff(BasePermission):
    """Staff of at least one event (event-level checks happen in the service)."""

    message = "Staff only."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return user_has_role(request.user, Role.STAFF)


class IsScannerDevice(BasePermission):
    """A scanning station signed in with ``Authorization: Device <token>``."""

    message = "Scanning stations only (Authorization: Device <token>)."

    def has_permission(self, request: Request, view: APIView) -> bool:
        from backend.accounts.models import ScannerDevice

        return isinstance(request.auth, ScannerDevice)
