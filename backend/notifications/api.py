"""Notifications over HTTP: sending a booking's tickets again."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.bookings.selectors import bookings_for_staff, bookings_of
from backend.core.errors import NotFound
from backend.core.fields import StrictUUIDField
from backend.core.inputs import validated
from backend.notifications import api_examples as examples
from backend.notifications.services.resend import tickets_resend


class ResendInput(serializers.Serializer):
    booking = StrictUUIDField()


class QueuedOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    queued = serializers.BooleanField()


class ResendApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Send a booking's tickets again by e-mail (and SMS)",
        description=(
            "For the booking's guest, or staff of its event. The e-mail carries the tickets "
            "the guest still holds (not those transferred away); the SMS, with a signed link "
            "to them, goes only to the account's own mobile number proved by a code. At most "
            "TICKETS_RESEND_PER_BOOKING per booking and TICKETS_RESEND_PER_USER per caller "
            "within TICKETS_RESEND_WINDOW_SECONDS (429 with retry_after). 409 if not "
            "confirmed."
        ),
        request=ResendInput,
        responses={202: QueuedOutput, 404: OpenApiResponse(description="Not yours.")},
        examples=examples.RESEND,
    )  # fmt: skip
    def post(self, request: SignedInRequest) -> Response:
        data = validated(ResendInput, request.data)
        booking = (
            bookings_of(request.user).filter(pk=data["booking"]).first()
            or bookings_for_staff(request.user).filter(pk=data["booking"]).first()
        )
        if booking is None:
            raise NotFound("You have no booking with this id.")
        tickets_resend(booking=booking, requester=request.user)
        return Response({"ok": True, "queued": True}, status=202)
