"""A ticket's wallet passes for its holder: the Apple Wallet ``.pkpass`` and the "save to
Google Wallet" link. Unconfigured, they answer 404 ``wallet_not_configured``."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.core.errors import NotFound
from backend.inventory.wording import file_name
from backend.tickets.models import Ticket
from backend.tickets.selectors import tickets_of
from backend.wallet.api import examples
from backend.wallet.services import apple, google
from backend.wallet.services.passes import wallet_pass_for

NOT_YOURS_OR_OFF = OpenApiResponse(
    description=(
        "not_found: you hold no ticket with this id; wallet_not_configured: this wallet is "
        "not offered here."
    )
)


class FirstRenderer(BaseContentNegotiation):
    """Ignores Accept: a wallet client gets its pass, and any error in the JSON shape."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        first = next(iter(renderers))
        return first, first.media_type


PASS_TICKET_RELATED = ("event__venue", "slot__resource", "owner", "booking__user")


def held_ticket(request: SignedInRequest, ticket_id: int) -> Ticket:
    ticket = (
        tickets_of(request.user).select_related(*PASS_TICKET_RELATED).filter(pk=ticket_id).first()
    )
    if ticket is None:
        raise NotFound("You hold no ticket with this id.")
    return ticket


def pkpass_response(content: bytes, ticket: Ticket) -> HttpResponse:
    """The pass as a download named after the ticket's reference (``tickets-<reference>``,
    ``reservation-<reference>`` ...), never its id."""
    response = HttpResponse(content, content_type=apple.CONTENT_TYPE)
    name = file_name(kind=ticket.event.kind, reference=ticket.reference, extension="pkpass")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def apple_pass_response(*, ticket: Ticket, holder: User) -> HttpResponse:
    """The holder's pass of a ticket they hold, as a ``.pkpass`` download."""
    wallet_pass = wallet_pass_for(ticket=ticket, holder=holder)
    return pkpass_response(apple.pkpass(wallet_pass), ticket)


def google_save_body(*, ticket: Ticket, holder: User) -> dict[str, object]:
    """The holder's "save to Google Wallet" link of a ticket they hold."""
    wallet_pass = wallet_pass_for(ticket=ticket, holder=holder)
    return {"ok": True, "save_url": google.save_url(wallet_pass)}


class TicketApplePassApi(APIView):
    permission_classes = [IsSignedInUser]
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="My ticket as an Apple Wallet pass",
        operation_id="tickets_wallet_apple",
        description=(
            "A signed `.pkpass` of style `eventTicket`: the event, the date and time in the "
            "venue's time zone, the venue, what the ticket admits and its holder, and a QR "
            "code of `qr_payload`. The pass is yours: it keeps its serial number, follows "
            "upgrades through the PassKit web service (`/api/wallet/apple/v1/`), and is "
            "voided when the ticket is voided or transferred away."
        ),
        responses={
            (200, apple.CONTENT_TYPE): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A signed Apple Wallet pass.",
                examples=examples.PKPASS,
            ),
            404: NOT_YOURS_OR_OFF,
        },
    )
    def get(self, request: SignedInRequest, ticket_id: int) -> HttpResponse:
        apple.require_apple()
        return apple_pass_response(ticket=held_ticket(request, ticket_id), holder=request.user)


class GoogleSaveOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    save_url = serializers.URLField(help_text="Open it to save the ticket to Google Wallet.")


class TicketGooglePassApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Save my ticket to Google Wallet",
        operation_id="tickets_wallet_google",
        description=(
            "A link `https://pay.google.com/gp/v/save/<JWT>`: the JWT, signed RS256 by the "
            "issuer's service account, holds the event's ticket class and your ticket's "
            "object (its barcode value is `qr_payload`). Voids and transfers update the saved "
            "object."
        ),
        responses={200: GoogleSaveOutput, 404: NOT_YOURS_OR_OFF},
        examples=examples.GOOGLE_SAVE,
    )
    def get(self, request: SignedInRequest, ticket_id: int) -> Response:
        google.require_google()
        body = google_save_body(ticket=held_ticket(request, ticket_id), holder=request.user)
        return Response(body)
