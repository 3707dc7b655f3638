"""Invoices over HTTP: a booking's invoices and credit notes, each as a PDF, and sending
them again by e-mail. For the booking's guest or staff of its event; anyone else gets 404."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

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

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.bookings.models import Booking
from backend.core.errors import NotFound
from backend.invoices.api import examples
from backend.invoices.models import Invoice
from backend.invoices.pdf import invoice_pdf
from backend.invoices.selectors import booking_readable, invoice_readable, invoices_of
from backend.invoices.services.resend import invoices_resend

NOT_YOURS = OpenApiResponse(description="not_found: no booking of yours (or your event's).")


class InvoiceLineOutput(serializers.Serializer):
    description = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    net = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)


class InvoiceOutput(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.ChoiceField(choices=Invoice.Kind.choices)
    cites = serializers.CharField(
        allow_null=True, help_text="The invoice a credit note cancels (its number)."
    )
    issued_at = serializers.DateTimeField()
    lines = InvoiceLineOutput(many=True)
    net = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class InvoicesQueuedOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    queued = serializers.BooleanField()


def invoice_data(invoice: Invoice) -> dict[str, Any]:
    return {
        "number": invoice.number,
        "kind": invoice.kind,
        "cites": invoice.cites.number if invoice.cites else None,
        "issued_at": invoice.issued_at,
        "lines": list(invoice.lines.all()),
        "net": invoice.net,
        "tax": invoice.tax,
        "total": invoice.total,
        "currency": invoice.currency,
    }


def _readable_booking(request: SignedInRequest, booking_id: UUID) -> Booking:
    booking = booking_readable(user=request.user, booking_id=booking_id)
    if booking is None:
        raise NotFound("You have no booking with this id.")
    return booking


class BookingInvoicesApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="A booking's invoices and credit notes",
        operation_id="booking_invoices",
        description=(
            "Oldest first. An invoice is issued when the booking is paid (at the venue: when "
            "staff mark it paid); a refund or a cancellation after payment issues a credit "
            "note with negative amounts that `cites` the invoice. For the booking's guest or "
            "staff of its event."
        ),
        responses={200: InvoiceOutput(many=True), 404: NOT_YOURS},
        examples=examples.BOOKING_INVOICES,
    )
    def get(self, request: SignedInRequest, booking_id: UUID) -> Response:
        booking = _readable_booking(request, booking_id)
        documents = [invoice_data(invoice) for invoice in invoices_of(booking=booking)]
        return Response(InvoiceOutput(documents, many=True).data)


class BookingInvoicesResendApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="E-mail a booking's invoices again",
        operation_id="booking_invoices_resend",
        description=(
            "Every invoice and credit note of the booking, as PDFs, to the booking's contact "
            "e-mail. For its guest or staff of its event; at most 5 an hour per caller (429 "
            "with retry_after). 409 `no_invoices` when there is nothing or nobody to send to."
        ),
        request=None,
        responses={
            202: InvoicesQueuedOutput,
            404: NOT_YOURS,
            409: OpenApiResponse(description="no_invoices"),
            429: OpenApiResponse(description="rate_limited"),
        },
        examples=examples.RESEND,
    )
    def post(self, request: SignedInRequest, booking_id: UUID) -> Response:
        booking = _readable_booking(request, booking_id)
        invoices_resend(booking=booking, requester=request.user)
        return Response({"ok": True, "queued": True}, status=202)


class _FirstRenderer(BaseContentNegotiation):
    """Ignores Accept: the PDF is sent whatever the client asked, errors in the JSON shape."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        first = next(iter(renderers))
        return first, first.media_type


class InvoicePdfApi(APIView):
    permission_classes = [IsSignedInUser]
    content_negotiation_class = _FirstRenderer

    @extend_schema(
        summary="An invoice or credit note as a PDF",
        operation_id="invoice_pdf",
        description=(
            "The document as issued: seller and buyer, number and date, lines with net, tax "
            "rate, tax and total, and the totals; bilingual and right to left for an Arabic "
            "event. Sent as an attachment (`<number>.pdf`). For the booking's guest or staff "
            "of its event."
        ),
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="A PDF document.",
                examples=examples.INVOICE_PDF,
            ),
            404: OpenApiResponse(description="not_found: no invoice of yours with this number."),
        },
    )
    def get(self, request: SignedInRequest, number: str) -> HttpResponse:
        invoice = invoice_readable(user=request.user, number=number)
        if invoice is None:
            raise NotFound("You have no invoice with this number.")
        response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
        response["Cache-Control"] = "private, no-cache"
        return response
