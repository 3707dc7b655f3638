"""Adding or changing the signed-in account's phone, proved with a code."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.api.auth import OtpRequestOutput
from backend.accounts.api.common import UserOutput, client_ip, user_data
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.services import phone_change
from backend.core.fields import StrictCharField, StrictUUIDField
from backend.core.inputs import validated

ERROR_DESCRIPTION = "The error shape: {ok: false, error: {code, message, fields?}}."


class PhoneInput(serializers.Serializer):
    phone = StrictCharField(max_length=64, help_text="Any common format; Arabic digits too.")
    event = serializers.SlugField(
        required=False, help_text="An event's slug: a local number is read in its country."
    )


class PhoneApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Send a code to add or change my phone",
        description=(
            "The sign-in code request itself: the same limits (429 with retry_after) and "
            "answer. Then POST /api/auth/phone/verify/."
        ),
        request=PhoneInput,
        responses={
            200: OtpRequestOutput,
            400: OpenApiResponse(description=ERROR_DESCRIPTION),
            429: OpenApiResponse(description="Too soon or too many."),
        },
        examples=examples.PHONE,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(PhoneInput, request.data)
        sent = phone_change.phone_code_request(
            user=request.user, phone=data["phone"], event_slug=data.get("event"),
            ip=client_ip(request),
        )  # fmt: skip
        return Response(
            {
                "ok": True,
                "request_id": sent.request_id,
                "expires_in": sent.expires_in,
                "resend_in": sent.resend_in,
            }
        )


class PhoneVerifyInput(serializers.Serializer):
    request_id = StrictUUIDField()
    code = StrictCharField(max_length=16)


class PhoneVerifyOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    user = UserOutput()


class PhoneVerifyApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Prove my new phone with the code",
        description=(
            "The number becomes this account's, verified. Held by a phone-only account (one "
            "made by a phone code alone): that account is linked into this one (its "
            "bookings, tickets, transfers and roles move here; it is switched off). Held by "
            "any other account: 409 phone_taken, and nothing changes. A wrong code: 400 "
            "with attempts_remaining, as at sign-in."
        ),
        request=PhoneVerifyInput,
        responses={
            200: PhoneVerifyOutput,
            400: OpenApiResponse(description="Wrong, expired, used or exhausted code."),
            404: OpenApiResponse(description="No such request_id."),
            409: OpenApiResponse(description="Another account holds this phone."),
        },
        examples=examples.PHONE_VERIFY,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(PhoneVerifyInput, request.data)
        user = phone_change.phone_code_verify(
            user=request.user, request_id=data["request_id"], code=data["code"],
            ip=client_ip(request),
        )  # fmt: skip
        return Response({"ok": True, "user": user_data(user, request)})
