"""A venue's page for guests: address, contact, opening hours per weekday, images."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.errors import NotFound
from backend.inventory.api import examples
from backend.inventory.api.pictures import AmenityOutput, PictureOutput
from backend.inventory.selectors.venues import venue_page


@extend_schema_field(
    {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00"}
)
class HourMinuteField(serializers.TimeField):
    """A wall-clock time as HH:MM (OpenAPI's ``time`` format would want seconds)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class OpeningHoursOutput(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="Monday is 0.")
    opens = HourMinuteField(help_text="HH:MM in the venue's time zone.")
    closes = HourMinuteField(help_text="HH:MM, after it opens (the same day).")


class StayTimesOutput(serializers.Serializer):
    """A venue's check-in and check-out times, as every venue answer says them."""

    check_in_time = HourMinuteField(
        allow_null=True, help_text="Stays: HH:MM local, from when guests check in; null: not said."
    )
    check_out_time = HourMinuteField(
        allow_null=True, help_text="Stays: HH:MM local, by when guests check out."
    )


class VenueEventOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()


class VenueDetailOutput(StayTimesOutput):
    ok = serializers.BooleanField()
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    city = serializers.CharField()
    time_zone = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166 code: where typed phone numbers are read.")
    contact_phone = serializers.CharField(help_text="Empty when not given.")
    contact_email = serializers.CharField(help_text="Empty when not given.")
    opening_hours = OpeningHoursOutput(
        many=True,
        help_text="Weekday by weekday, earliest first; a weekday may have several ranges, "
        "and a weekday with none is closed.",
    )
    images = PictureOutput(many=True, help_text="In display order.")
    amenities = AmenityOutput(many=True, help_text="What the venue offers.")
    events = VenueEventOutput(many=True, help_text="What is on sale here, soonest first.")


class VenueDetailApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="A venue's page: address, contact, opening hours, images",
        description=(
            "Public. A venue is shown while at least one of its events is listed (on sale or "
            "closed); an unknown venue, or one only draft events use, is a 404 `not_found`."
        ),
        responses={200: VenueDetailOutput},
        examples=examples.VENUE_DETAIL,
    )
    def get(self, request: Request, venue_id: int) -> Response:
        venue = venue_page(venue_id)
        if venue is None:
            raise NotFound("There is no such venue.")
        answer: dict[str, Any] = {
            "ok": True,
            "id": venue.pk,
            "name": venue.name,
            "address": venue.address,
            "city": venue.city,
            "time_zone": venue.time_zone,
            "country": venue.phone_region,
            "contact_phone": venue.contact_phone,
            "contact_email": venue.contact_email,
            "opening_hours": venue.opening_hours.all(),
            "images": venue.images.all(),
            "amenities": venue.amenities.all(),
            "check_in_time": venue.check_in_time,
            "check_out_time": venue.check_out_time,
            "events": venue.listed_events,  # type: ignore[attr-defined]
        }
        return Response(VenueDetailOutput(answer).data)
