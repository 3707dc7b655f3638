"""Which wallets this deployment offers, so the web app shows only the buttons that work."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.wallet.api import examples
from backend.wallet.services.apple import apple_configured
from backend.wallet.services.google import google_configured


class WalletsOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    apple = serializers.BooleanField(help_text="Apple Wallet passes (`.pkpass`) are offered.")
    google = serializers.BooleanField(help_text="Save to Google Wallet links are offered.")


class WalletsApi(APIView):
    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="The wallets offered here",
        operation_id="wallet_offered",
        description=(
            "Which wallet passes the ticket endpoints make: a wallet that is `false` answers "
            "`404 wallet_not_configured` there. Anyone may ask."
        ),
        responses={200: WalletsOutput},
        examples=examples.WALLETS,
    )
    def get(self, request: Request) -> Response:
        return Response({"ok": True, "apple": apple_configured(), "google": google_configured()})
