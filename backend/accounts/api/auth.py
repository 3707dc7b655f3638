"""Sign-in: phone codes, staff passwords, token refresh, logout."""

from __future__ import annotations

from django.middleware.csrf import get_token
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.api.common import (
    TokenOutput,
    clear_refresh_cookie,
    client_ip,
    refresh_token_from,
    signed_in_response,
    token_response,
    user_agent,
)
from backend.accounts.models import AuthSession
from backend.accounts.services import otp, sessions, users
from backend.core.errors import NotAuthenticated
from backend.core.fields import StrictCharField, StrictUUIDField
from backend.core.inputs import validated
from backend.core.schema import OkOutput

ERROR_DESCRIPTION = "The error shape: {ok: false, error: {code, message, fields?}}."


class PublicApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class OtpRequestInput(serializers.Serializer):
    phone = StrictCharField(max_length=64, help_text="Any common format; Arabic digits too.")
    event = serializers.SlugField(required=False, help_text="Slug of the event to book.")
    language = serializers.ChoiceField(choices=["ar", "en"], required=False)


class OtpRequestOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    request_id = serializers.UUIDField()
    expires_in = serializers.IntegerField()
    resend_in = serializers.IntegerField()


class OtpRequestApi(PublicApi):
    @extend_schema(
        summary="Send a sign-in code by SMS",
        description=(
            "Limits: one code per 60 s and 3 per 10 minutes per phone, and a limit per IP "
            "(429 with retry_after). For an allowlist-only event every refusal is the same "
            "403, whatever the reason."
        ),
        request=OtpRequestInput,
        responses={
            200: OtpRequestOutput,
            400: OpenApiResponse(description=ERROR_DESCRIPTION),
            403: OpenApiResponse(description="Not eligible for this allowlist-only event."),
            429: OpenApiResponse(description="Too soon or too many."),
        },
        examples=examples.OTP_REQUEST,
    )
    def post(self, request: Request) -> Response:
        data = validated(OtpRequestInput, request.data)
        sent = otp.otp_request(
            phone=data["phone"],
            event_slug=data.get("event"),
            language=data.get("language"),
            ip=client_ip(request),
        )
        return Response(
            {
                "ok": True,
                "request_id": sent.request_id,
                "expires_in": sent.expires_in,
                "resend_in": sent.resend_in,
            }
        )


class OtpVerifyInput(serializers.Serializer):
    phone = StrictCharField(max_length=64)
    request_id = StrictUUIDField()
    code = StrictCharField(max_length=16)


class OtpVerifyApi(PublicApi):
    @extend_schema(
        summary="Sign in with the code",
        description=(
            "At most 5 checks per code; a wrong code answers 400 with attempts_remaining. "
            "Sets the refresh token as an HttpOnly cookie too."
        ),
        request=OtpVerifyInput,
        responses={
            200: TokenOutput,
            400: OpenApiResponse(description="Wrong, expired, used or exhausted code."),
            503: OpenApiResponse(description="The SMS provider is unreachable; no attempt used."),
        },
        examples=examples.OTP_VERIFY,
    )
    def post(self, request: Request) -> Response:
        data = validated(OtpVerifyInput, request.data)
        user = otp.otp_verify(
            phone=data["phone"],
            request_id=data["request_id"],
            code=data["code"],
            ip=client_ip(request),
        )
        return signed_in_response(request, user, AuthSession.Method.OTP)


class LoginInput(serializers.Serializer):
    email = serializers.EmailField()
    password = StrictCharField(max_length=256, trim_whitespace=False)


class LoginApi(PublicApi):
    @extend_schema(
        summary="Staff sign-in with e-mail and password",
        description="Failed sign-ins are limited per account and per IP (429 with retry_after).",
        request=LoginInput,
        responses={
            200: TokenOutput,
            401: OpenApiResponse(description="Wrong e-mail or password."),
            429: OpenApiResponse(description="Too many attempts."),
        },
        examples=examples.LOGIN,
    )
    def post(self, request: Request) -> Response:
        data = validated(LoginInput, request.data)
        user = users.password_login(
            request=request._request,
            email=data["email"],
            password=data["password"],
            ip=client_ip(request),
        )
        return signed_in_response(request, user, AuthSession.Method.PASSWORD)


class RefreshInput(serializers.Serializer):
    refresh = StrictCharField(required=False, max_length=4096)


class TokenRefreshApi(PublicApi):
    @extend_schema(
        summary="New tokens for a refresh token",
        description=(
            "The refresh token comes in the body or, from a browser, in the HttpOnly cookie "
            "(then the request needs X-CSRFToken). Each refresh token works once: a reused "
            "one ends its session."
        ),
        request=RefreshInput,
        responses={200: TokenOutput, 401: OpenApiResponse(description="Session ended.")},
        examples=examples.TOKEN_REFRESH,
    )
    def post(self, request: Request) -> Response:
        data = validated(RefreshInput, request.data)
        raw = refresh_token_from(request, data.get("refresh"))
        if not raw:
            raise NotAuthenticated("Send the refresh token in the body or the cookie.")
        try:
            pair = sessions.session_refresh(
                raw_refresh=raw, user_agent=user_agent(request), ip=client_ip(request)
            )
        except sessions.InvalidRefreshToken:
            response = Response(sessions.InvalidRefreshToken().body(), status=401)
            return clear_refresh_cookie(response)
        return token_response(pair, request)


class LogoutApi(APIView):
    permission_classes: list[type] = []

    @extend_schema(
        summary="Sign out: end this session",
        description="Ends the session of the refresh token (body or cookie) or access token.",
        request=RefreshInput,
        responses={200: OkOutput},
        examples=examples.LOGOUT,
    )
    def post(self, request: Request) -> Response:
        data = validated(RefreshInput, request.data)
        raw = refresh_token_from(request, data.get("refresh"))
        ended = sessions.session_revoke_refresh(raw_refresh=raw) if raw else False
        sid = request.auth.get(sessions.SID_CLAIM) if hasattr(request.auth, "get") else None
        if not ended and sid:
            sessions.session_revoke_by_id(sid=sid)
            ended = True
        if not ended:
            raise NotAuthenticated("Send a refresh token, or an access token, to sign out.")
        return clear_refresh_cookie(Response({"ok": True}))


class CsrfOutput(OkOutput):
    csrf_token = serializers.CharField(help_text="Send it back as X-CSRFToken.")


class CsrfApi(PublicApi):
    @extend_schema(
        summary="Get a CSRF token for cookie-based refresh and logout",
        description="Sets the csrftoken cookie too.",
        responses={200: CsrfOutput},
        examples=examples.CSRF,
    )
    def get(self, request: Request) -> Response:
        return Response({"ok": True, "csrf_token": get_token(request._request)})
