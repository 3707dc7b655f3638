"""Registering with e-mail and password, and proving the address."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.api.common import client_ip
from backend.accounts.models import User
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.services import email_verification, registration
from backend.core.fields import StrictCharField
from backend.core.inputs import validated
from backend.core.schema import OkOutput

ERROR_DESCRIPTION = "The error shape: {ok: false, error: {code, message, fields?}}."


class AccountRegisterInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = StrictCharField(max_length=256, trim_whitespace=False)
    name = StrictCharField(max_length=150, required=False, allow_blank=True)
    first_name = StrictCharField(max_length=75, required=False, allow_blank=True)
    last_name = StrictCharField(max_length=75, required=False, allow_blank=True)
    phone = StrictCharField(
        max_length=64, required=False, allow_blank=True,
        help_text="Stored unverified: it counts once proved with a code (POST /api/auth/phone/).",
    )  # fmt: skip
    language = serializers.ChoiceField(choices=User.Language.choices, required=False)


class RegisterOutput(OkOutput):
    email = serializers.EmailField(help_text="The address, normalized.")


class RegisterApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Register with e-mail and password",
        description=(
            "Answers 201 with the same body whether or not the address already has an "
            "account (its owner gets an e-mail instead, and nothing changes). A new account "
            "can sign in at once (POST /api/auth/login/); its address is used for messages "
            "and password reset only once verified through the e-mailed link. The password "
            "must pass the password validators (400 fields.password). Limits per address "
            "and per client address (429 with retry_after)."
        ),
        request=AccountRegisterInput,
        responses={
            201: RegisterOutput,
            400: OpenApiResponse(description=ERROR_DESCRIPTION),
            429: OpenApiResponse(description="Too many registrations."),
        },
        examples=examples.REGISTER,
    )
    def post(self, request: Request) -> Response:
        data = validated(AccountRegisterInput, request.data)
        done = registration.register(
            email=data["email"],
            password=data["password"],
            name=data.get("name", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            phone=data.get("phone") or None,
            language=data.get("language", User.Language.ENGLISH),
            ip=client_ip(request),
        )
        return Response({"ok": True, "email": done.email}, status=201)


class EmailVerifyInput(serializers.Serializer):
    token = StrictCharField(max_length=512, help_text="From the link's `token` parameter.")


class EmailVerifyApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Verify my e-mail address with the link's token",
        description=(
            "The token (from /verify-email?token=… in the e-mail) works once, for "
            "EMAIL_VERIFY_MAX_AGE_HOURS, and only while the account's address is still the "
            "one it was sent to. Bad, expired or used: 400 invalid_token."
        ),
        request=EmailVerifyInput,
        responses={200: RegisterOutput, 400: OpenApiResponse(description=ERROR_DESCRIPTION)},
        examples=examples.EMAIL_VERIFY,
    )
    def post(self, request: Request) -> Response:
        data = validated(EmailVerifyInput, request.data)
        user = email_verification.email_verify(token=data["token"])
        return Response({"ok": True, "email": user.email})


class EmailVerifyResendApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Send my verification link again",
        description=(
            "To the account's current address. 400 no_email without one, 409 "
            "already_verified, 429 beyond EMAIL_VERIFY_RESENDS_PER_USER per window."
        ),
        request=None,
        responses={
            202: OkOutput,
            400: OpenApiResponse(description=ERROR_DESCRIPTION),
            409: OpenApiResponse(description="Already verified."),
            429: OpenApiResponse(description="Too many."),
        },
        examples=examples.EMAIL_VERIFY_RESEND,
    )
    def post(self, request: SignedInRequest) -> Response:
        email_verification.email_verification_resend(user=request.user)
        return Response({"ok": True}, status=202)
