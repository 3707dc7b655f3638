"""Tickets for their holder: list, look, the QR code as PNG or SVG, and a printable PDF.

A ticket's ``qr_payload`` is the exact text its QR code encodes (see ``codes``); a void
ticket still shows its code, and the scanner answers ``void``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import qrcode
import qrcode.image.svg
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.core.errors import NotFound
from backend.core.inputs import validated
from backend.core.pagination import PageInput, PageOutput, page_body, paginate
from backend.inventory.models import Event
from backend.inventory.wording import file_name
from backend.tickets import codes
from backend.tickets.api import examples
from backend.tickets.models import Ticket
from backend.tickets.pdf import tickets_pdf
from backend.tickets.selectors import ticket_label, ticket_span, tickets_of


class TicketOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    id = serializers.IntegerField(help_text="For paths only: guests are shown `reference`.")
    reference = serializers.CharField(
        help_text=(
            "What the guest reads (never the id): the booking's reference, with -1, -2 ... "
            "when the booking has several tickets. Files are named after it."
        )
    )
    booking = serializers.UUIDField()
    booking_reference = serializers.CharField(help_text="The booking's short reference.")
    event = serializers.SlugField()
    event_name = serializers.CharField()
    event_kind = serializers.ChoiceField(
        choices=Event.Kind.choices,
        help_text="The business: its words for a ticket (reservation, appointment, pass ...).",
    )
    # DRF takes declared fields off the class: this does not hide Field.label.
    label = serializers.CharField(help_text="What it admits: a seat, a ticket type, a room.")  # type: ignore[assignment]
    holder_name = serializers.CharField()
    holder_phone = serializers.CharField()
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    version = serializers.IntegerField(help_text="Rises when the ticket is issued again.")
    starts_at = serializers.DateTimeField(
        help_text="When it is good from: a seat's or ticket type's slot; a pass's whole "
        "booking (its first slot's start; a stay's first check-in)."
    )
    ends_at = serializers.DateTimeField(
        help_text="When it is good until: the slot's end; a pass's last slot's end (a stay's "
        "check-out)."
    )
    nights = serializers.IntegerField(help_text="A stay's nights; 0 for anything else.")
    admitted_at = serializers.DateTimeField(allow_null=True)
    qr_payload = serializers.CharField(help_text="The exact text the QR code encodes.")
    qr_png = serializers.CharField(help_text="Path of the QR code as a PNG image.")
    qr_svg = serializers.CharField(help_text="Path of the QR code as an SVG image.")


class TicketPageOutput(PageOutput):
    results = TicketOutput(many=True)


NOT_YOURS = OpenApiResponse(description="not_found: you hold no ticket with this id.")


def ticket_payload(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def ticket_data(ticket: Ticket) -> dict[str, Any]:
    span = ticket_span(ticket)
    return {
        "ok": True,
        "id": ticket.pk,
        "reference": ticket.reference,
        "booking": str(ticket.booking_id),
        "booking_reference": ticket.booking.reference,
        "event": ticket.event.slug,
        "event_name": ticket.event.name,
        "event_kind": ticket.event.kind,
        "label": ticket_label(ticket, get_language() or "en"),
        "holder_name": ticket.holder_name,
        "holder_phone": ticket.holder_phone,
        "status": ticket.status,
        "version": ticket.version,
        "starts_at": span.starts_at,
        "ends_at": span.ends_at,
        "nights": span.nights,
        "admitted_at": ticket.admitted_at,
        "qr_payload": ticket_payload(ticket),
        "qr_png": reverse("ticket-qr-png", args=[ticket.pk]),
        "qr_svg": reverse("ticket-qr-svg", args=[ticket.pk]),
    }


def owned_ticket(request: SignedInRequest, ticket_id: int) -> Ticket:
    ticket = tickets_of(request.user).filter(pk=ticket_id).first()
    if ticket is None:
        raise NotFound("You hold no ticket with this id.")
    return ticket


def _qr(text: str, **options: Any) -> bytes:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, **options)
    qr.add_data(text)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer)
    return buffer.getvalue()


def qr_png(text: str) -> bytes:
    """PNG through qrcode's default factory (Pillow; PyPNG when Pillow is absent)."""
    return _qr(text)


def qr_svg(text: str) -> bytes:
    """A standalone SVG document: one path, sharp at any size."""
    return _qr(text, image_factory=qrcode.image.svg.SvgPathFillImage)


class TicketListInput(PageInput):
    booking = serializers.UUIDField(required=False, help_text="Only this booking's tickets.")


class TicketListApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My tickets",
        operation_id="tickets_list",
        description=(
            "The tickets the caller holds, oldest first: one per seat or admission of a "
            "confirmed booking, one pass per booking of rooms and spaces. A refunded or "
            "cancelled booking's tickets are `void`."
        ),
        parameters=[TicketListInput],
        responses={200: TicketPageOutput},
        examples=examples.TICKET_LIST,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(TicketListInput, request.query_params)
        tickets = tickets_of(request.user, booking=query.pop("booking", None))
        page = paginate(tickets, **query)
        return Response(page_body(page, ticket_data))


class TicketDetailApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="One of my tickets",
        responses={200: TicketOutput, 404: NOT_YOURS},
        examples=examples.TICKET_DETAIL,
    )
    def get(self, request: SignedInRequest, ticket_id: int) -> Response:
        return Response(ticket_data(owned_ticket(request, ticket_id)))


class _FirstRenderer(BaseContentNegotiation):
    """Ignores Accept: an image client (Accept: image/png) still gets its image, and any
    error in the JSON error shape, rather than 406."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        first = next(iter(renderers))
        return first, first.media_type


class _TicketQrApi(APIView):
    permission_classes = [IsSignedInUser]
    content_negotiation_class = _FirstRenderer
    content_type = ""

    def render(self, payload: str) -> bytes:
        raise NotImplementedError

    def get(self, request: SignedInRequest, ticket_id: int) -> HttpResponse:
        ticket = owned_ticket(request, ticket_id)
        response = HttpResponse(self.render(ticket_payload(ticket)), content_type=self.content_type)
        # The image changes when the ticket is issued again: keep it out of shared caches,
        # and let a browser re-check it each time.
        response["Cache-Control"] = "private, no-cache"
        return response


class TicketQrPngApi(_TicketQrApi):
    content_type = "image/png"

    @extend_schema(
        summary="My ticket's QR code (PNG)",
        operation_id="tickets_qr_png",
        description=(
            "The QR code of `qr_payload` (error correction M, version 6 at most). A void "
            "ticket still shows its code; the scanner says `void`."
        ),
        responses={
            (200, "image/png"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A PNG image.",
                examples=examples.TICKET_QR_PNG,
            ),
            404: NOT_YOURS,
        },
    )
    def get(self, request: SignedInRequest, ticket_id: int) -> HttpResponse:
        return super().get(request, ticket_id)

    def render(self, payload: str) -> bytes:
        return qr_png(payload)


class TicketQrSvgApi(_TicketQrApi):
    content_type = "image/svg+xml"

    @extend_schema(
        summary="My ticket's QR code (SVG)",
        operation_id="tickets_qr_svg",
        description=(
            "The QR code of `qr_payload` as one SVG path (error correction M), for printing "
            "or sharp display at any size. A void ticket still shows its code."
        ),
        responses={
            (200, "image/svg+xml"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="An SVG image.",
                examples=examples.TICKET_QR_SVG,
            ),
            404: NOT_YOURS,
        },
    )
    def get(self, request: SignedInRequest, ticket_id: int) -> HttpResponse:
        return super().get(request, ticket_id)

    def render(self, payload: str) -> bytes:
        return qr_svg(payload)


class TicketPdfApi(APIView):
    permission_classes = [IsSignedInUser]
    content_negotiation_class = _FirstRenderer

    @extend_schema(
        summary="My ticket as a PDF",
        operation_id="tickets_pdf",
        description=(
            "One A6 page to print or keep: the event, venue, date and time (in the venue's "
            "time zone), what it admits, the holder, the booking reference and the QR code of "
            "`qr_payload`, in the language the guest booked in and in the words of the "
            "business (a reservation, an appointment, a pass ...), sent as an attachment named "
            "after its reference (`tickets-<reference>.pdf`, `reservation-<reference>.pdf` "
            "...). A void ticket is marked "
            "void. The confirmation e-mail carries all of a booking's tickets in one PDF."
        ),
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A PDF document.",
                examples=examples.TICKET_PDF,
            ),
            404: NOT_YOURS,
        },
    )
    def get(self, request: SignedInRequest, ticket_id: int) -> HttpResponse:
        ticket = owned_ticket(request, ticket_id)
        name = file_name(kind=ticket.event.kind, reference=ticket.reference, extension="pdf")
        response = HttpResponse(tickets_pdf([ticket]), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        # Like the QR images, it changes when the ticket is issued again.
        response["Cache-Control"] = "private, no-cache"
        return response
