"""An event's booking policy, for its public page: what a guest may change after booking."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.bookings.policy import terms_of
from backend.core.errors import NotFound
from backend.inventory.selectors.events import event_find


class EventPolicyOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    event = serializers.SlugField()
    cancellable = serializers.BooleanField(help_text="Guests may cancel before the start.")
    free_cancellation_hours = serializers.IntegerField(
        help_text="A full refund up to this many hours before the start (0: until the start)."
    )
    late_refund_percent = serializers.IntegerField(
        help_text="The refund after that, until the start (0: none)."
    )
    reschedulable = serializers.BooleanField(help_text="Guests may move to another time.")
    reschedule_hours = serializers.IntegerField(
        help_text="Moving is possible up to this many hours before the start."
    )


class EventPolicyApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="An event's cancellation and change policy",
        description=(
            "What a guest may do with a booking of this event from My bookings "
            "(docs/booking-changes.md). An event without a policy allows neither."
        ),
        responses={200: EventPolicyOutput, 404: OpenApiResponse(description="not_found")},
        examples=[
            OpenApiExample(
                "A resort",
                value={
                    "ok": True,
                    "event": "goa-palm-grove",
                    "cancellable": True,
                    "free_cancellation_hours": 48,
                    "late_refund_percent": 50,
                    "reschedulable": True,
                    "reschedule_hours": 48,
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request, slug: str) -> Response:
        event = event_find(slug=slug, listed=True)
        if event is None:
            raise NotFound("There is no such event.")
        return Response({"ok": True, "event": event.slug, **terms_of(event.pk).as_dict()})
