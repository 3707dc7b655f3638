"""Lodore Villa's API (reference/vip-villa.md) over the native sign-in and webhook services.

Every answer is ``{"ok": ...}`` with camelCase extras, as the old system answered: a refusal
is ``{"ok": false, "message"}`` (plus ``attemptsRemaining`` for a wrong code, and only
``cooldownRemaining`` for a 429). Codes are asked for the allowlist-only event that Calendly
books (``CALENDLY_EVENT``, the demo's ``vip-evening``), so a phone that is not invited, or
has booked, gets the native single 403, worded here in Arabic.
"""

from __future__ import annotations

import logging
from typing import Any

import phonenumbers
from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.common import client_ip, request_session, user_agent
from backend.accounts.authentication import SessionJWTAuthentication
from backend.accounts.models import AuthSession, User
from backend.accounts.services import otp, sessions
from backend.core.errors import ApplicationError, NotAuthenticated, as_application_error
from backend.core.fields import StrictCharField
from backend.core.inputs import validated
from backend.webhooks.services import webhook_receive

logger = logging.getLogger(__name__)

# The one answer to every phone that may not ask for a code (not invited, already booked):
# the same words whatever the reason, so the answer tells nothing about the VIP list.
NOT_ELIGIBLE = "عذراً، لا يمكن إرسال رمز التحقق إلى هذا الرقم."


def refusal(error: ApplicationError) -> Response:
    """A native error in Lodore Villa's shape."""
    if error.status == 429:
        seconds = int(error.extra.get("retry_after", 1))
        response = Response({"ok": False, "cooldownRemaining": seconds}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    body: dict[str, Any] = {"ok": False, "message": error.message}
    if error.status == 403 and isinstance(error, otp.OtpRefused):
        body["message"] = NOT_ELIGIBLE
    if "attempts_remaining" in error.extra:
        body["attemptsRemaining"] = error.extra["attempts_remaining"]
    if error.fields:
        first = next(iter(error.fields.values()))
        if isinstance(first, list) and first:
            body["message"] = str(first[0])
    return Response(body, status=error.status)


@extend_schema(exclude=True)  # the old system's contract, documented in docs/compat.md
class LodoreApi(APIView):
    """No session authentication (so no CSRF), and errors in this system's shape."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    def handle_exception(self, exc: Exception) -> Response:
        error = as_application_error(exc)
        if error is None:
            logger.exception("Unhandled error in %s", type(self).__name__)
            return Response({"ok": False, "message": "Something went wrong."}, status=500)
        if error.status == 401:
            error.message = error.message or "Authentication required."
        return refusal(error)


class RequestOtpInput(serializers.Serializer):
    phone = StrictCharField(max_length=64)


class RequestOtpApi(LodoreApi):
    def post(self, request: Request) -> Response:
        data = validated(RequestOtpInput, request.data)
        sent = otp.otp_request(
            phone=data["phone"], event_slug=settings.CALENDLY_EVENT, ip=client_ip(request)
        )
        return Response({"ok": True, "requestId": sent.request_id})


class VerifyOtpInput(serializers.Serializer):
    phone = StrictCharField(max_length=64)
    requestId = StrictCharField(max_length=64)  # the old system's name
    code = StrictCharField(max_length=16)


class VerifyOtpApi(LodoreApi):
    def post(self, request: Request) -> Response:
        data = validated(VerifyOtpInput, request.data)
        try:
            request_id = serializers.UUIDField().to_internal_value(data["requestId"])
        except serializers.ValidationError:
            return Response(
                {"ok": False, "message": "Unknown requestId.", "attemptsRemaining": 0},
                status=400,
            )
        try:
            user = otp.otp_verify(
                phone=data["phone"], request_id=request_id, code=data["code"], ip=client_ip(request)
            )
        except ApplicationError as error:
            if error.status == 404:  # no such request for this phone: a wrong code to them
                return Response(
                    {"ok": False, "message": error.message, "attemptsRemaining": 0}, status=400
                )
            raise
        pair = request_session(request, user, AuthSession.Method.OTP)
        return Response({"ok": True, "access": pair.access, "refresh": pair.refresh})


class RefreshInput(serializers.Serializer):
    refresh = StrictCharField(max_length=4096)


class TokenRefreshApi(LodoreApi):
    def post(self, request: Request) -> Response:
        data = validated(RefreshInput, request.data)
        try:
            pair = sessions.session_refresh(
                raw_refresh=data["refresh"], user_agent=user_agent(request), ip=client_ip(request)
            )
        except sessions.InvalidRefreshToken as error:
            raise NotAuthenticated(error.message) from None
        return Response({"ok": True, "access": pair.access, "refresh": pair.refresh})


def local_phone(e164: str | None) -> str | None:
    """``+966512345678`` → ``0512345678``: the national form, digits only."""
    if not e164:
        return None
    number = phonenumbers.parse(e164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())


class MeApi(LodoreApi):
    authentication_classes = [SessionJWTAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        return Response({"ok": True, "phone": local_phone(user.phone)})


class CalendlyWebhookApi(LodoreApi):
    """Calendly's deliveries into the native inbox: ``X-Webhook-Secret`` (the shared
    secret, ``CALENDLY_WEBHOOK_SECRET``) or Calendly's own signature header."""

    def post(self, request: Request) -> Response:
        headers = {name.lower(): value for name, value in request.headers.items()}
        webhook_receive(sender="calendly", body=request.body, headers=headers)
        return Response({"received": True})
