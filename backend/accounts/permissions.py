"""DRF permissions built on roles (see ``backend.accounts.roles``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from backend.accounts.models import Role, User
from backend.accounts.roles import may_somewhere

if TYPE_CHECKING:

    class SignedInRequest(Request):
        """The request of a view that :class:`IsSignedInUser` or :class:`IsStaff` guards:
        its user is an account (for the type checker; at run time it is a Request)."""

        @property
        def user(self) -> User: ...
        @user.setter
        def user(self, value: User) -> None: ...

else:
    SignedInRequest = Request


class IsSignedInUser(BasePermission):
    """A person with an account (a scanning device is not one)."""

    message = "Sign in to do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.user, User) and request.user.is_authenticated


class IsStaff(BasePermission):
    """Staff of at least one event: the door to staff operations. Each operation then
    checks the event of what it touches with ``roles.may``."""

    message = "Staff only."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return may_somewhere(request.user, Role.STAFF)


class IsScannerDevice(BasePermission):
    """A scanning station signed in with ``Authorization: Device <token>``."""

    message = "Scanning stations only (Authorization: Device <token>)."

    def has_permission(self, request: Request, view: APIView) -> bool:
        from backend.accounts.models import ScannerDevice

        return isinstance(request.auth, ScannerDevice)
