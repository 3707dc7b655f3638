"""A ticket's wallet passes through the signed tickets link (``backend.tickets.links``), for a
guest who opened the tickets SMS and is not signed in: the same passes as the holder's own
endpoints, for a ticket the link opens. An altered or expired link, or a ticket the link does
not open (another booking's, one transferred away), is a 404, as in the link's other
endpoints."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.core.errors import NotFound
from backend.tickets.api.links import LINK_INVALID
from backend.tickets.links import ticket_link_read
from backend.tickets.models import Ticket
from backend.wallet.api import examples
from backend.wallet.api.passes import (
    PASS_TICKET_RELATED,
    FirstRenderer,
    GoogleSaveOutput,
    apple_pass_response,
    google_save_body,
)
from backend.wallet.services import apple, google

LINK_INVALID_OR_OFF = OpenApiResponse(
    response=LINK_INVALID.response,
    description=(
        "not_found: the link was altered, has expired, or does not open this ticket; "
        "wallet_not_configured: this wallet is not offered here."
    ),
    examples=LINK_INVALID.examples,
)


def _link_ticket(token: str, ticket_id: int) -> tuple[Ticket, User]:
    link = ticket_link_read(token=token)
    ticket = link.tickets.select_related(*PASS_TICKET_RELATED).filter(pk=ticket_id).first()
    if ticket is None:
        raise NotFound("This link has no ticket with this id.")
    return ticket, link.holder


class TicketLinkApplePassApi(APIView):
    authentication_classes = []
    permission_classes = []
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="A ticket as an Apple Wallet pass through a signed link (no sign-in)",
        operation_id="tickets_links_wallet_apple",
        description=(
            "Like `GET /api/tickets/{id}/wallet/apple.pkpass`, for a ticket the link opens: "
            "the pass of the link's holder (the same pass, serial and updates as when they "
            "sign in)."
        ),
        responses={
            (200, apple.CONTENT_TYPE): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A signed Apple Wallet pass.",
                examples=examples.PKPASS,
            ),
            404: LINK_INVALID_OR_OFF,
        },
    )
    def get(self, request: Request, token: str, ticket_id: int) -> HttpResponse:
        apple.require_apple()
        ticket, holder = _link_ticket(token, ticket_id)
        return apple_pass_response(ticket=ticket, holder=holder)


class TicketLinkGooglePassApi(APIView):
    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="Save a ticket to Google Wallet through a signed link (no sign-in)",
        operation_id="tickets_links_wallet_google",
        description=(
            "Like `GET /api/tickets/{id}/wallet/google/`, for a ticket the link opens: the "
            "save link of the link's holder's pass."
        ),
        responses={200: GoogleSaveOutput, 404: LINK_INVALID_OR_OFF},
        examples=examples.GOOGLE_SAVE,
    )
    def get(self, request: Request, token: str, ticket_id: int) -> Response:
        google.require_google()
        ticket, holder = _link_ticket(token, ticket_id)
        response = Response(google_save_body(ticket=ticket, holder=holder))
        response["Cache-Control"] = "private, no-cache"
        return response
