"""A VIP's own Calendly scheduling link (for an evening booked on Calendly)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.integrations.calendly import api_examples as examples
from backend.integrations.calendly.services import calendly_link_for


class CalendlyLinkOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    url = serializers.URLField(help_text="The Calendly page, with the invitation prefilled.")
    expires_at = serializers.DateTimeField()


class CalendlyLinkApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My Calendly link for the VIP evening",
        description=(
            "For a signed-in guest whose phone is invited to the evening (CALENDLY_EVENT) and "
            "has not booked: the event type's Calendly page with a signed, one-time value in "
            "its first answer, which ties the booking Calendly reports back to this "
            "invitation. Asking again makes a new link and retires the last one. 403 when "
            "there is no such invitation; 404 `calendly_not_configured` when Calendly is not "
            "set up (CALENDLY_SCHEDULING_URL)."
        ),
        responses={
            200: CalendlyLinkOutput,
            403: OpenApiResponse(description="No invitation waiting for this phone."),
            404: OpenApiResponse(description="calendly_not_configured"),
        },
        examples=examples.CALENDLY_LINK,
    )
    def get(self, request: SignedInRequest) -> Response:
        link = calendly_link_for(user=request.user)
        return Response({"ok": True, "url": link.url, "expires_at": link.expires_at})
