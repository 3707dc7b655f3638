"""Notifications over HTTP: sending a booking's tickets again, and the log of what was sent
about a booking (for staff)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, IsStaff, SignedInRequest
from backend.bookings.selectors import bookings_for_staff, bookings_of
from backend.core.errors import NotFound
from backend.core.fields import StrictUUIDField
from backend.core.inputs import validated
from backend.notifications import api_examples as examples
from backend.notifications.models import Message
from backend.notifications.selectors import messages_of
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


class MessageOutput(serializers.ModelSerializer):
    class Meta:
        model = Message
        fields = ["id", "created_at", "channel", "template", "language", "to", "status",
                  "answer", "attachments"]  # fmt: skip


class StaffBookingMessagesApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="What was sent to a booking's guest",
        description=(
            "Every e-mail and SMS about the booking, newest first: to whom, which template "
            "and language, and the provider's answer. `status`: `sent`; `failed` (refused, "
            "or the provider could not be reached: a retry logs its own row); `held` (never "
            "sent: an SMS goes only to a mobile number its account proved with a code). The "
            "messages' text is not kept. Staff of the booking's event."
        ),
        responses={200: MessageOutput(many=True),
                   404: OpenApiResponse(description="Not in your events.")},
        examples=examples.MESSAGES,
    )  # fmt: skip
    def get(self, request: SignedInRequest, booking_id: str) -> Response:
        booking = bookings_for_staff(request.user).filter(pk=booking_id).first()
        if booking is None:
            raise NotFound("No booking with this id in your events.")
        return Response(MessageOutput(messages_of(booking=booking), many=True).data)
