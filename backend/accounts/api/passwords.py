"""Passwords: change when signed in, reset by e-mail."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.api.common import client_ip
from backend.accounts.api.profile import _current_sid
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.services import users
from backend.core.inputs import validated
from backend.core.schema import OkOutput


class PasswordChangeInput(serializers.Serializer):
    old_password = serializers.CharField(max_length=256, trim_whitespace=False)
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordChangeOutput(OkOutput):
    sessions_ended = serializers.IntegerField()


class PasswordChangeApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Change my password",
        description=(
            "Every other session of the account ends. A wrong old password counts as a "
            "failed sign-in of the account: the sign-in limits apply (429 with retry_after)."
        ),
        request=PasswordChangeInput,
        responses={
            200: PasswordChangeOutput,
            400: OpenApiResponse(description="Wrong old password, or a weak new one."),
            429: OpenApiResponse(description="Too many failed attempts."),
        },
        examples=examples.PASSWORD_CHANGE,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(PasswordChangeInput, request.data)
        ended = users.password_change(
            user=request.user,
            old_password=data["old_password"],
            new_password=data["new_password"],
            keep_session=_current_sid(request),
            ip=client_ip(request),
        )
        return Response({"ok": True, "sessions_ended": ended})


class PasswordResetInput(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="E-mail me a password reset link",
        description="Always answers the same, whether or not the address has an account.",
        request=PasswordResetInput,
        responses={200: OkOutput},
        examples=examples.PASSWORD_RESET,
    )
    def post(self, request: Request) -> Response:
        data = validated(PasswordResetInput, request.data)
        users.password_reset_request(email=data["email"], ip=client_ip(request))
        return Response({"ok": True})


class PasswordResetConfirmInput(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordResetConfirmApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Set a new password from a reset link",
        description="Every session of the account ends.",
        request=PasswordResetConfirmInput,
        responses={200: OkOutput, 400: OpenApiResponse()},
        examples=examples.PASSWORD_RESET_CONFIRM,
    )
    def post(self, request: Request) -> Response:
        data = validated(PasswordResetConfirmInput, request.data)
        users.password_reset_confirm(**data)
        return Response({"ok": True})
