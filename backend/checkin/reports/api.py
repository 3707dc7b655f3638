"""The staff's figures of one event and its bookings as CSV (thin views)."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.bookings.models import Booking
from backend.checkin.reports import examples
from backend.checkin.reports.export import bookings_csv, export_bookings
from backend.checkin.reports.selectors import dashboard_figures
from backend.checkin.reports.services import bookings_export_record
from backend.core.errors import ValidationError
from backend.core.fields import StrictSlugField, WindowDateField
from backend.core.inputs import validated
from backend.inventory.selectors.events import event_for

DENIED = {
    403: OpenApiResponse(description="forbidden: not staff, or not staff of this event."),
    404: OpenApiResponse(description="not_found: no such event."),
}


class DashboardInput(serializers.Serializer):
    event = StrictSlugField(help_text="The event's slug (you must be its staff).")
    date_from = WindowDateField(
        required=False,
        help_text="First day (the venue's): of booking for the sales timeline, of the nights or "
        "days shown for stays and rooms (default: today).",
    )
    date_to = WindowDateField(
        required=False,
        help_text="Last day, included (default: 14 nights for stays, 7 days for rooms; "
        "at most 92 days).",
    )
    day = WindowDateField(
        required=False,
        help_text="Stays: the day of the arrivals and departures; repair shop: the job "
        "board's day (default: today at the venue).",
    )
    granularity = serializers.ChoiceField(
        choices=["day", "hour"],
        default="day",
        help_text="Events: sales per day or per hour of booking (hour: name at most 7 days).",
    )


class StaffDashboardOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    event = serializers.CharField()
    kind = serializers.ChoiceField(choices=["vip", "stays", "rooms", "festival", "service"])
    currency = serializers.CharField()
    time_zone = serializers.CharField()
    today = serializers.DateField()
    sales = serializers.DictField(
        help_text="bookings (sold), gross, refunded and net (gross less refunds); events add "
        "tickets, capacity and left."
    )
    granularity = serializers.ChoiceField(choices=["day", "hour"], required=False)
    date_from = serializers.DateField(required=False, help_text="Stays and rooms.")
    date_to = serializers.DateField(required=False, help_text="Stays and rooms.")
    day = serializers.DateField(required=False, help_text="Stays and the repair shop.")
    average_occupancy = serializers.FloatField(required=False, help_text="Stays: 0 to 1.")
    utilisation = serializers.FloatField(required=False, help_text="Rooms: 0 to 1.")
    ticket_types = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Events only."
    )
    timeline = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Events only."
    )
    occupancy = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Stays only."
    )
    arrivals = serializers.ListField(child=serializers.DictField(), required=False)
    departures = serializers.ListField(child=serializers.DictField(), required=False)
    rooms = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Meeting rooms only."
    )
    columns = serializers.DictField(required=False, help_text="Repair shop: today by status.")
    upcoming = serializers.ListField(child=serializers.DictField(), required=False)


class StaffDashboardApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="The figures of my event's business",
        operation_id="staff_dashboard",
        description=(
            "By the event's kind, in its venue's time zone and its currency. Festival and VIP: "
            "revenue (gross, refunded, net of refunds) and tickets sold per ticket type (a "
            "numbered seat's type is its section) and per day or hour of booking, with the "
            "places left. Stays: occupancy per night (rooms sold / rooms) and the day's "
            "arrivals and departures. Meeting rooms: utilisation per room per day (booked "
            "slots / open slots). Repair shop: the job board, the day's appointments by status "
            "with vehicle and services, and the next 7 days' still to come. Every kind has "
            "`sales`. A guest gets 403, staff of another event 403, an unknown event 404."
        ),
        parameters=[DashboardInput],
        responses={
            200: StaffDashboardOutput,
            400: OpenApiResponse(description="validation_error"),
            **DENIED,
        },
        examples=examples.DASHBOARD,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(DashboardInput, request.query_params)
        event = event_for(request.user, query["event"])
        figures = dashboard_figures(
            event=event,
            first=query.get("date_from"),
            last=query.get("date_to"),
            day=query.get("day"),
            granularity=query["granularity"],
        )
        return Response({"ok": True, **figures})


class ExportInput(serializers.Serializer):
    event = StrictSlugField(help_text="The event's slug (you must be its staff).")
    date_from = WindowDateField(required=False, help_text="Booked on or after (venue's day).")
    date_to = WindowDateField(required=False, help_text="Booked on or before (venue's day).")
    status = serializers.ChoiceField(choices=Booking.Status.choices, required=False)
    lang = serializers.ChoiceField(
        choices=["en", "ar"], default="en", help_text="The headers' and check-in words' language."
    )


class StaffBookingsExportApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="My event's bookings as CSV",
        operation_id="staff_bookings_export",
        description=(
            "Streamed, UTF-8 with a byte-order mark (Excel reads Arabic), one row per "
            "booking, oldest first: reference, guest, phone, e-mail, items, amount, refunded, "
            "currency, payment method, payment status, status, booked on and starts (the "
            "venue's time), check-in state and tickets admitted. A cell starting with = + - @ "
            "is prefixed with ' so a spreadsheet never runs it. Audited (`bookings.export`)."
        ),
        parameters=[ExportInput],
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="The CSV.", examples=examples.EXPORT_CSV
            ),
            400: OpenApiResponse(description="validation_error"),
            **DENIED,
        },
    )
    def get(self, request: SignedInRequest) -> StreamingHttpResponse:
        query = validated(ExportInput, request.query_params)
        event = event_for(request.user, query["event"])
        first, last = query.get("date_from"), query.get("date_to")
        if first and last and last < first:
            raise ValidationError(
                "The range ends before it starts.", fields={"date_to": ["Before date_from."]}
            )
        bookings = export_bookings(event=event, first=first, last=last, status=query.get("status"))
        bookings_export_record(actor=request.user, event=event, filters=query)
        response = StreamingHttpResponse(
            bookings_csv(bookings, event=event, lang=query["lang"]),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="bookings-{event.slug}-{stamp}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
