"""A booking's tickets through a signed link (see ``links``), for a guest who is not signed in:
the tickets with their QR codes, the QR images themselves. A bad, altered or expired link
is a 404, like a ticket that is not the link's."""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.errors import NotFound
from backend.core.schema import ErrorOutput
from backend.tickets.api import examples
from backend.tickets.api.tickets import (
    TicketOutput,
    TicketQrPngApi,
    TicketQrSvgApi,
    ticket_data,
    ticket_payload,
)
from backend.tickets.links import TicketLink, ticket_link_read
from backend.tickets.models import Ticket

LINK_INVALID = OpenApiResponse(
    response=ErrorOutput,
    description="not_found: the link was altered, has expired, or is not this ticket's.",
    examples=examples.LINK_INVALID,
)


class TicketLinkEventOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField()
    city = serializers.CharField()
    address = serializers.CharField()
    time_zone = serializers.CharField(help_text="The venue's: show dates and times in it.")


class TicketLinkOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    booking = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField(help_text="The booking's status.")
    language = serializers.CharField(help_text="The booking's language (`ar` or `en`).")
    event = TicketLinkEventOutput()
    tickets = TicketOutput(many=True, help_text="Only those the link's holder still holds.")


def _link_ticket_data(token: str, ticket: Ticket) -> dict[str, Any]:
    """A ticket as the signed-in API shows it, with QR images reachable through the link."""
    return {
        **ticket_data(ticket),
        "qr_png": reverse("ticket-link-qr-png", args=[token, ticket.pk]),
        "qr_svg": reverse("ticket-link-qr-svg", args=[token, ticket.pk]),
    }


def ticket_link_body(token: str, link: TicketLink) -> dict[str, Any]:
    booking, event = link.booking, link.booking.event
    return {
        "ok": True,
        "booking": str(booking.pk),
        "reference": booking.reference,
        "status": booking.status,
        "language": booking.language,
        "event": {
            "slug": event.slug,
            "name": event.name,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "venue": event.venue.name,
            "city": event.venue.city,
            "address": event.venue.address,
            "time_zone": event.venue.time_zone,
        },
        "tickets": [_link_ticket_data(token, ticket) for ticket in link.tickets],
    }


_R = TypeVar("_R", bound=HttpResponse)


def _private(response: _R) -> _R:
    # The link is a credential, and the tickets change (a transfer, a new version).
    response["Cache-Control"] = "private, no-cache"
    return response


class TicketLinkApi(APIView):
    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="A booking's tickets through a signed link (no sign-in)",
        operation_id="tickets_links_retrieve",
        description=(
            "The token comes from the link in the tickets SMS (`/t/{token}` in the web app). "
            "It names a booking and its holder and expires after `TICKET_LINK_MAX_AGE_DAYS` "
            "days. The answer lists the tickets of that booking the holder still holds (one "
            "transferred away is not there), with `qr_payload` and QR images reachable "
            "through the same link. Dates are UTC; show them in `event.time_zone`."
        ),
        responses={200: TicketLinkOutput, 404: LINK_INVALID},
        examples=examples.TICKET_LINK,
    )
    def get(self, request: Request, token: str) -> Response:
        return _private(Response(ticket_link_body(token, ticket_link_read(token=token))))


def _link_qr(view: TicketQrPngApi | TicketQrSvgApi, token: str, ticket_id: int) -> HttpResponse:
    """The image API's QR code of a ticket the link opens."""
    ticket = ticket_link_read(token=token).tickets.filter(pk=ticket_id).first()
    if ticket is None:
        raise NotFound("This link has no ticket with this id.")
    image = view.render(ticket_payload(ticket))
    return _private(HttpResponse(image, content_type=view.content_type))


class TicketLinkQrPngApi(TicketQrPngApi):
    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="A ticket's QR code through a signed link (PNG)",
        operation_id="tickets_links_qr_png",
        description="Like `GET /api/tickets/{id}/qr.png`, for a ticket the link opens.",
        responses={
            (200, "image/png"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A PNG image.",
                examples=examples.TICKET_LINK_QR_PNG,
            ),
            404: LINK_INVALID,
        },
    )  # fmt: skip
    # Its own URL, with the link's token: not the signed-in route of the class it reuses.
    def get(self, request: Request, token: str, ticket_id: int) -> HttpResponse:  # type: ignore[override]
        return _link_qr(self, token, ticket_id)


class TicketLinkQrSvgApi(TicketQrSvgApi):
    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="A ticket's QR code through a signed link (SVG)",
        operation_id="tickets_links_qr_svg",
        description="Like `GET /api/tickets/{id}/qr.svg`, for a ticket the link opens.",
        responses={
            (200, "image/svg+xml"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="An SVG image.",
                examples=examples.TICKET_LINK_QR_SVG,
            ),
            404: LINK_INVALID,
        },
    )  # fmt: skip
    # Its own URL, with the link's token: not the signed-in route of the class it reuses.
    def get(self, request: Request, token: str, ticket_id: int) -> HttpResponse:  # type: ignore[override]
        return _link_qr(self, token, ticket_id)
