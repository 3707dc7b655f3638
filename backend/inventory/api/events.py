"""Events for guests: the list, one event with what can be booked, live availability."""

from __future__ import annotations

import zoneinfo

from asgiref.sync import async_to_sync
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.dates import DateRangeError, date_range
from backend.core.errors import NotFound, ValidationError
from backend.core.fields import DATE_WINDOW_TEXT
from backend.inventory.api import examples
from backend.inventory.api.pictures import AmenityOutput, PictureOutput
from backend.inventory.api.seats import SeatSectionOutput
from backend.inventory.api.venues import StayTimesOutput
from backend.inventory.models import Event
from backend.inventory.selectors.events import (
    event_with_resources,
    events_listed,
    events_listed_with_pictures,
)
from backend.inventory.selectors.slots import event_availability
from backend.inventory.services import waiting_room
from backend.realtime.store import frame_store
from backend.realtime.topics import AVAILABILITY


class VenueOutput(StayTimesOutput):
    id = serializers.IntegerField(help_text="Its page: GET /api/venues/{id}/.")
    name = serializers.CharField()
    city = serializers.CharField()
    address = serializers.CharField()
    time_zone = serializers.CharField()
    country = serializers.CharField(
        source="phone_region",
        help_text="ISO 3166 code; phone numbers typed without a country code for this event "
        "are read as this country's.",
    )
    images = PictureOutput(many=True, source="images.all", help_text="In display order.")
    amenities = AmenityOutput(many=True, source="amenities.all")


class EventOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    description = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    currency = serializers.CharField()
    language = serializers.CharField()
    allowlist_only = serializers.BooleanField()
    hold_minutes = serializers.IntegerField()
    max_quantity_per_hold = serializers.IntegerField()
    pay_at_venue = serializers.BooleanField(help_text="Guests may choose to pay at the venue.")
    home_visit_fee = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="Null: no home visits."
    )
    home_visit_travel_minutes = serializers.IntegerField(
        help_text="What a home visit adds to an appointment's length."
    )
    service_area = serializers.ListField(
        child=serializers.CharField(), help_text="Cities or postcodes visited at home."
    )
    tax_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text="The event's tax in percent, e.g. 15.00."
    )
    prices_include_tax = serializers.BooleanField(
        help_text="True: prices are gross (tax included). False: prices are net, and each line "
        "of a booking is charged its price plus tax_rate % (rounded per line); a hold's total "
        "and a booking's amount already include it."
    )
    images = PictureOutput(many=True, source="images.all", help_text="In display order.")
    venue = VenueOutput()


class EventListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    events = EventOutput(many=True)


class ResourceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    section = serializers.CharField()
    row = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    guest_capacity = serializers.IntegerField()
    units = serializers.IntegerField()
    attributes = serializers.DictField()
    images = PictureOutput(many=True, source="images.all", help_text="In display order.")
    amenities = AmenityOutput(many=True, source="amenities.all")


class EventWithResourcesOutput(EventOutput):
    resources = ResourceOutput(many=True)
    sections = SeatSectionOutput(
        many=True,
        source="seat_sections.all",
        help_text="A seated event's sections in map order: price tier, rank and aisles.",
    )


class WaitingRoomStateOutput(serializers.Serializer):
    active = serializers.BooleanField(help_text="Holds need a queue pass (docs/waiting-room.md).")
    opens_at = serializers.DateTimeField(allow_null=True)


class EventDetailOutput(EventWithResourcesOutput):
    # What GET /api/events/{slug}/ answers: {"ok": true, ...the event with its resources}.
    ok = serializers.BooleanField()
    waiting_room = WaitingRoomStateOutput()


class EventListApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Events on sale",
        operation_id="events_list",
        parameters=[OpenApiParameter("kind", str, description="festival, stays, rooms, …")],
        responses={200: EventListOutput},
        examples=examples.EVENT_LIST,
    )
    def get(self, request: Request) -> Response:
        events = events_listed_with_pictures()
        kind = request.query_params.get("kind")
        if kind:
            if kind not in Event.Kind.values:
                raise ValidationError(fields={"kind": [f"One of {', '.join(Event.Kind.values)}."]})
            events = events.filter(kind=kind)
        return Response({"ok": True, "events": EventOutput(events, many=True).data})


class EventDetailApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="One event, with what can be booked",
        responses={200: EventDetailOutput},
        examples=examples.EVENT_DETAIL,
    )
    def get(self, request: Request, slug: str) -> Response:
        event = event_with_resources(slug)
        if event is None:
            raise NotFound("There is no such event.")
        waiting_room.note_arrival(event)
        return Response(
            {
                "ok": True,
                **EventWithResourcesOutput(event).data,
                "waiting_room": waiting_room.public_state(event),
            }
        )


class SlotOutput(serializers.Serializer):
    id = serializers.IntegerField()
    resource = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    available = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Rises with every change; newer wins.")
    price = serializers.DecimalField(max_digits=12, decimal_places=2)


class AvailabilityOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    event = serializers.SlugField()
    topic = serializers.CharField(help_text="Subscribe here for live changes.")
    epoch = serializers.CharField()
    seq = serializers.IntegerField(
        help_text="Subscribe with since {epoch, seq} to get every change after this answer."
    )
    slots = SlotOutput(many=True)
    truncated = serializers.BooleanField()


class AvailabilityApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Live availability of an event's slots",
        description=(
            "`from` and `to` are dates (whole days in the venue's time zone, `to` included) "
            f"or ISO datetimes, {DATE_WINDOW_TEXT}; without `from`, from now. At most 5,000 "
            "slots (`truncated`). A bad value is a 400 naming the field."
        ),
        parameters=[
            OpenApiParameter(
                "from", str, description=f"2026-12-05 or an ISO datetime, {DATE_WINDOW_TEXT}"
            ),
            OpenApiParameter(
                "to", str, description=f"2026-12-07 or an ISO datetime, {DATE_WINDOW_TEXT}"
            ),
        ],
        responses={200: AvailabilityOutput},
        examples=examples.AVAILABILITY,
    )
    def get(self, request: Request, slug: str) -> Response:
        event = events_listed().filter(slug=slug).first()
        if event is None:
            raise NotFound("There is no such event.")
        try:
            start, end = date_range(request.query_params, zoneinfo.ZoneInfo(event.venue.time_zone))
        except DateRangeError as error:
            raise ValidationError(fields={error.field: [error.message]}) from None
        topic = AVAILABILITY.name(slug=event.slug)
        # The position first, then the numbers: every change after `seq` is in the topic.
        position = async_to_sync(frame_store().position)(topic)
        now = timezone.now()
        slots, truncated = event_availability(event, now=now, start=start or now, end=end)
        return Response(
            {
                "ok": True,
                "event": event.slug,
                "topic": topic,
                "epoch": position.epoch,
                "seq": position.seq,
                "slots": SlotOutput(slots, many=True).data,
                "truncated": truncated,
            }
        )
