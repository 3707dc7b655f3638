"""The webhook endpoint: one view for every sender, which comes from the URL."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.webhooks import api_examples as examples
from backend.webhooks.services import webhook_receive


class WebhookOutput(serializers.Serializer):
    received = serializers.BooleanField()


class WebhookApi(APIView):
    """One view for every sender; ``sender`` comes from the URL."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    sender = ""

    @extend_schema(
        summary="A provider's signed webhook",
        description=(
            "The signature is checked on the raw body first (Stripe-Signature, "
            "X-Razorpay-Signature, Calendly-Webhook-Signature); a bad one is 400 "
            "`bad_signature` and nothing is stored. Each event id is stored once and handled "
            "by a task: a replay, or a copy arriving at the same instant, answers 200 too "
            "and has no second effect."
        ),
        request={"application/json": dict},
        responses={
            200: WebhookOutput,
            400: OpenApiResponse(description="bad_signature, or not a JSON object"),
            404: OpenApiResponse(description="`test` while the test provider is off"),
        },
        examples=examples.WEBHOOK,
    )
    def post(self, request: Request) -> Response:
        headers = {name.lower(): value for name, value in request.headers.items()}
        webhook_receive(sender=self.sender, body=request.body, headers=headers)
        return Response({"received": True})
