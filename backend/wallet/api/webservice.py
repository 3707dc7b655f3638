"""Apple's PassKit web service, which Apple Wallet calls at the pass's ``webServiceURL``
(``/api/wallet/apple/``) with ``Authorization: ApplePass <authenticationToken>``:

- ``POST|DELETE v1/devices/<device>/registrations/<passType>/<serial>``: follow a pass or stop;
- ``GET v1/devices/<device>/registrations/<passType>?passesUpdatedSince=<tag>``: which passes
  changed (204: none);
- ``GET v1/passes/<passType>/<serial>``: the pass as it is now (``If-Modified-Since`` → 304);
- ``POST v1/log``: Wallet's error messages, logged.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import http_date, parse_http_date_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.errors import NotFound, ValidationError
from backend.core.inputs import validated
from backend.core.schema import OkOutput
from backend.wallet.api import examples
from backend.wallet.api.passes import FirstRenderer, pkpass_response
from backend.wallet.errors import PassNotAuthorized
from backend.wallet.models import WalletPass
from backend.wallet.selectors import moment_of, pass_by_serial, serials_updated_since
from backend.wallet.services import apple
from backend.wallet.services.registrations import device_register, device_unregister

logger = logging.getLogger(__name__)
TAGS = ["wallet"]

UNAUTHORIZED = OpenApiResponse(description="not_authenticated: no or a wrong ApplePass token.")
UNKNOWN = OpenApiResponse(
    description="not_found: no such pass; wallet_not_configured: Apple Wallet is off."
)
AUTH_HEADER = OpenApiParameter(
    "Authorization",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="`ApplePass <authenticationToken>` (the pass's).",
)


class _WebServiceApi(APIView):
    """Apple Wallet signs in with the pass's token, not as a user."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        super().initial(request, *args, **kwargs)
        apple.require_apple()


def _authorized_pass(request: Request, pass_type: str, serial: str) -> WalletPass:
    """The pass, if the request carries its token (401 otherwise, 404 for no such pass)."""
    if pass_type != settings.APPLE_WALLET_PASS_TYPE_ID:
        raise NotFound("No such pass type.")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "ApplePass" or not token:
        raise PassNotAuthorized()
    wallet_pass = pass_by_serial(serial)
    if wallet_pass is None:
        # The same answer as a wrong token for a pass that exists: serials are not probed.
        raise PassNotAuthorized()
    if not apple.token_matches(wallet_pass.serial_number, token.strip()):
        raise PassNotAuthorized()
    return wallet_pass


class RegisterInput(serializers.Serializer):
    pushToken = serializers.CharField(max_length=256)


class RegistrationApi(_WebServiceApi):
    @extend_schema(
        summary="PassKit: a device follows a pass",
        operation_id="wallet_apple_register",
        tags=TAGS,
        description=(
            "Apple Wallet registers a device (its push token) for a pass's updates: 201 the "
            "first time, 200 when it already was."
        ),
        parameters=[AUTH_HEADER],
        request=RegisterInput,
        responses={201: OkOutput, 200: OkOutput, 401: UNAUTHORIZED, 404: UNKNOWN},
        examples=[*examples.REGISTER_INPUT, *examples.REGISTERED],
    )
    def post(self, request: Request, device: str, pass_type: str, serial: str) -> Response:
        wallet_pass = _authorized_pass(request, pass_type, serial)
        data = validated(RegisterInput, request.data)
        created = device_register(
            library_id=device[:128], push_token=data["pushToken"], wallet_pass=wallet_pass
        )
        return Response({"ok": True}, status=201 if created else 200)

    @extend_schema(
        summary="PassKit: a device stops following a pass",
        operation_id="wallet_apple_unregister",
        tags=TAGS,
        description="Apple Wallet unregisters a device from a pass (the pass was deleted).",
        parameters=[AUTH_HEADER],
        responses={200: OkOutput, 401: UNAUTHORIZED, 404: UNKNOWN},
        examples=examples.REGISTERED,
    )
    def delete(self, request: Request, device: str, pass_type: str, serial: str) -> Response:
        wallet_pass = _authorized_pass(request, pass_type, serial)
        device_unregister(library_id=device, wallet_pass=wallet_pass)
        return Response({"ok": True})


class SerialsOutput(serializers.Serializer):
    serialNumbers = serializers.ListField(child=serializers.CharField())
    lastUpdated = serializers.CharField(help_text="The tag to ask with next time.")


class SerialsInput(serializers.Serializer):
    passesUpdatedSince = serializers.CharField(required=False, max_length=20)


class SerialsApi(_WebServiceApi):
    @extend_schema(
        summary="PassKit: the passes of a device that changed",
        operation_id="wallet_apple_serials",
        tags=TAGS,
        description=(
            "The serial numbers of the passes the device follows that changed since the tag "
            "(all of them without one), and the tag to ask with next time; 204 when none."
        ),
        parameters=[SerialsInput],
        responses={
            200: SerialsOutput,
            204: OpenApiResponse(description="No pass changed."),
            404: UNKNOWN,
        },
        examples=examples.SERIALS,
    )
    def get(self, request: Request, device: str, pass_type: str) -> Response:
        if pass_type != settings.APPLE_WALLET_PASS_TYPE_ID:
            raise NotFound("No such pass type.")
        tag = validated(SerialsInput, request.query_params).get("passesUpdatedSince")
        since = moment_of(tag) if tag else None
        if tag and since is None:
            raise ValidationError(fields={"passesUpdatedSince": ["Not a tag we gave."]})
        serials, last = serials_updated_since(device_library_id=device, since=since)
        if not serials:
            return Response(status=204)
        return Response({"serialNumbers": serials, "lastUpdated": last})


class LatestPassApi(_WebServiceApi):
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="PassKit: the pass as it is now",
        operation_id="wallet_apple_pass",
        tags=TAGS,
        description=(
            "The latest signed `.pkpass` of a pass, with `Last-Modified`; 304 when it has not "
            "changed since `If-Modified-Since`."
        ),
        parameters=[AUTH_HEADER],
        responses={
            (200, apple.CONTENT_TYPE): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A signed Apple Wallet pass.",
                examples=examples.PKPASS,
            ),
            304: OpenApiResponse(description="Not modified."),
            401: UNAUTHORIZED,
            404: UNKNOWN,
        },
    )
    def get(self, request: Request, pass_type: str, serial: str) -> HttpResponse:
        wallet_pass = _authorized_pass(request, pass_type, serial)
        modified = int(wallet_pass.updated_at.timestamp())
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if since is not None and modified <= since:
            return HttpResponse(status=304)
        response = pkpass_response(apple.pkpass(wallet_pass), wallet_pass.ticket)
        response["Last-Modified"] = http_date(modified)
        return response


class LogInput(serializers.Serializer):
    logs = serializers.ListField(child=serializers.CharField(max_length=2000), max_length=100)


class LogApi(_WebServiceApi):
    @extend_schema(
        summary="PassKit: Apple Wallet's error log",
        operation_id="wallet_apple_log",
        tags=TAGS,
        description="Apple Wallet reports problems with our web service; they are logged.",
        request=LogInput,
        responses={200: OkOutput},
        examples=[*examples.LOG_INPUT, *examples.REGISTERED],
    )
    def post(self, request: Request) -> Response:
        for line in validated(LogInput, request.data)["logs"]:
            logger.warning("Apple Wallet: %s", line)
        return Response({"ok": True})
