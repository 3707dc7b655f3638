"""A booking's calendar entry (.ics), for its owner or whoever holds the signed link."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.bookings.calendar import booking_calendar, calendar_token_valid
from backend.bookings.models import Booking
from backend.core.errors import NotFound

ICS_EXAMPLE = """BEGIN:VCALENDAR
PRODID:-//Gatehouse//Bookings//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
BEGIN:VEVENT
SUMMARY:Beachside Resort (3F2A9C1B)
DTSTART;TZID=Asia/Kolkata:20261220T150000
DTEND;TZID=Asia/Kolkata:20261223T110000
DTSTAMP:20261207T120000Z
UID:booking-3f2a9c1b-5d1e-4c1a-9a57-0c7f1b2e4d10@gatehouse
DESCRIPTION:Booking reference: 3F2A9C1B\\nYour booking: https://gatehouse.example/bookings/…
LOCATION:Beachside Resort, Calangute, Goa
STATUS:CONFIRMED
END:VEVENT
BEGIN:VTIMEZONE
TZID:Asia/Kolkata
…
END:VTIMEZONE
END:VCALENDAR
"""


class BookingCalendarApi(APIView):
    # The signed link works without signing in; a signed-in owner needs no token.
    permission_classes: list[type] = []

    @extend_schema(
        summary="A booking in my calendar (.ics)",
        operation_id="bookings_calendar",
        description=(
            "The booking as one iCalendar event: from its first start to its last end (a "
            "stay's check-in to its check-out) in the venue's time zone, a UID that stays the "
            "same for the booking, summary and location in the language it was booked in, "
            "status CONFIRMED (TENTATIVE while awaiting payment, CANCELLED once over). Saved "
            "as `<reference>.ics`. Open to the booking's signed-in owner, or to anyone with "
            "the booking's `calendar_url` (it carries a signed `token`). 404 `not_found` "
            "otherwise, and for a booking without a time (a booth's fee)."
        ),
        parameters=[
            OpenApiParameter(
                "token", str, description="The signature from the booking's calendar_url."
            )
        ],
        responses={
            (200, "text/calendar"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="An iCalendar file.",
                examples=[OpenApiExample("A stay", value=ICS_EXAMPLE)],
            ),
            404: OpenApiResponse(description="not_found"),
        },
    )
    def get(self, request: Request, booking_id: str) -> HttpResponse:
        booking = (
            Booking.objects.select_related("event__venue", "user")
            .prefetch_related("items__slot__resource")
            .filter(pk=booking_id)
            .first()
        )
        if booking is None or not self._allowed(request, booking):
            raise NotFound("You have no booking with this id.")
        ics = booking_calendar(booking, now=timezone.now())
        if ics is None:
            raise NotFound("This booking has no date to put in a calendar.")
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{booking.reference}.ics"'
        response["Cache-Control"] = "private, no-cache"
        return response

    @staticmethod
    def _allowed(request: Request, booking: Booking) -> bool:
        if calendar_token_valid(booking, request.query_params.get("token", "")):
            return True
        user = request.user
        return isinstance(user, User) and user.is_authenticated and booking.user_id == user.pk
