"""Stay search for guests: the venues of a place with rooms free for a whole stay."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.fields import DATE_WINDOW_TEXT, WindowDateField
from backend.core.inputs import validated
from backend.core.pagination import paginate
from backend.inventory.api import examples
from backend.inventory.api.pictures import AmenityOutput, PictureOutput
from backend.inventory.api.venues import StayTimesOutput
from backend.inventory.selectors.pictures import Shown, resources_shown, venues_shown
from backend.inventory.selectors.stays import (
    MAX_GUESTS,
    MAX_NIGHTS,
    normalize_location,
    stay_nights,
    stay_suggestions,
    stays_search,
)

DATE_FORMATS = ["%Y-%m-%d"]


class StaySearchInput(serializers.Serializer):
    location = serializers.CharField(
        max_length=100,
        help_text="A city or its beginning, in English or Arabic (goa, Riy, جدة), or part of a "
        "resort's name (corniche); case, accents and Arabic spelling variants do not count.",
    )
    check_in = WindowDateField(
        input_formats=DATE_FORMATS,
        help_text=f"YYYY-MM-DD, the first night; not before today, {DATE_WINDOW_TEXT}.",
    )
    check_out = WindowDateField(
        input_formats=DATE_FORMATS,
        help_text=(
            f"YYYY-MM-DD, the departure day (not a night); at most {MAX_NIGHTS} nights, "
            f"{DATE_WINDOW_TEXT}."
        ),
    )
    guests = serializers.IntegerField(min_value=1, max_value=MAX_GUESTS, default=1)
    page = serializers.IntegerField(min_value=1, max_value=1000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=50, default=10)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, QueryDict):
            repeated = {
                name: ["Send this parameter once."]
                for name in self.fields.keys()  # noqa: SIM118  (drf-stubs types iter() as fields)
                if len(data.getlist(name)) > 1
            }
            if repeated:
                raise serializers.ValidationError(repeated)
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        check_in, check_out = attrs["check_in"], attrs["check_out"]
        if check_in < self.context["today"]:
            errors["check_in"] = ["Check-in cannot be in the past."]
        if check_out <= check_in:
            errors["check_out"] = ["Check-out must be after check-in."]
        elif (check_out - check_in).days > MAX_NIGHTS:
            errors["check_out"] = [f"A stay is at most {MAX_NIGHTS} nights."]
        if not normalize_location(attrs["location"]):
            errors["location"] = ["This field may not be blank."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class StayNightOutput(serializers.Serializer):
    date = serializers.DateField()
    slot = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)


class StayRoomOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    guest_capacity = serializers.IntegerField()
    fits_party = serializers.BooleanField(help_text="This room alone takes the whole party.")
    slots = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The night slots, to hold with POST /api/holds/ (quantity 1 each).",
    )
    nights = StayNightOutput(many=True)
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()
    amenities = serializers.ListField(
        child=serializers.CharField(),
        help_text="Free-text tags from the room's attributes (English only); amenity_list "
        "has the room's amenities from the vocabulary, in both languages.",
    )
    amenity_list = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField()
    attributes = serializers.DictField()

    @extend_schema_field(AmenityOutput(many=True))
    def get_amenity_list(self, room: Any) -> Any:
        return AmenityOutput(self.context["rooms"][room.id].amenities, many=True).data

    @extend_schema_field(PictureOutput(many=True))
    def get_images(self, room: Any) -> Any:
        return PictureOutput(self.context["rooms"][room.id].images, many=True).data


class StayVenueOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    city = serializers.CharField()
    address = serializers.CharField()
    time_zone = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166 code: where typed phone numbers are read.")
    event = serializers.SlugField(help_text="The stays event: hold its slots under this slug.")
    event_name = serializers.CharField()
    currency = serializers.CharField()
    tax_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text="The event's tax in percent."
    )
    prices_include_tax = serializers.BooleanField(
        help_text="False: the prices and totals here are net, and each night is charged its "
        "price plus tax_rate % (a hold's total says what is charged)."
    )
    free_rooms = serializers.IntegerField()
    cheapest_total = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        help_text="The least that houses the whole party here, for the whole stay.",
    )
    cheapest_rooms = serializers.ListField(
        child=serializers.IntegerField(), help_text="The rooms of that cheapest total."
    )
    rooms = StayRoomOutput(many=True)
    images = serializers.SerializerMethodField()
    amenities = serializers.SerializerMethodField()
    check_in_time = serializers.SerializerMethodField()
    check_out_time = serializers.SerializerMethodField()

    @extend_schema_field(PictureOutput(many=True))
    def get_images(self, venue: Any) -> Any:
        return PictureOutput(self._shown(venue).images, many=True).data

    @extend_schema_field(AmenityOutput(many=True))
    def get_amenities(self, venue: Any) -> Any:
        return AmenityOutput(self._shown(venue).amenities, many=True).data

    @extend_schema_field(StayTimesOutput().fields["check_in_time"])
    def get_check_in_time(self, venue: Any) -> str | None:
        return _clock(self._shown(venue).check_in_time)

    @extend_schema_field(StayTimesOutput().fields["check_out_time"])
    def get_check_out_time(self, venue: Any) -> str | None:
        return _clock(self._shown(venue).check_out_time)

    def _shown(self, venue: Any) -> Shown:
        return self.context["venues"].get(venue.id) or Shown()


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


class StaySearchOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    location = serializers.CharField()
    check_in = serializers.DateField()
    check_out = serializers.DateField()
    nights = serializers.IntegerField()
    guests = serializers.IntegerField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    venues = StayVenueOutput(many=True)


class StaySearchApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Search stays by place, dates and party",
        description=(
            "Venues whose city (in English or Arabic) starts with `location`, or whose name or "
            "stays event's name has a word starting with it (case, accents, Arabic tashkeel, "
            "alef forms, taa marbuta and the article ال do not count), whose "
            "stays event is on sale, with the rooms free for **every** night from `check_in` "
            "to the night before `check_out` (the departure day). Every free room is listed, "
            "with `fits_party` when it alone takes the party; a venue is listed only if its "
            "free rooms together take the party, and `cheapest_total` is the least that "
            "houses everyone (`cheapest_rooms`). Sorted by `cheapest_total`, paginated by "
            "venue. `check_in` may not be before today's date on the server (UTC). Hold a "
            "room with POST /api/holds/ and one item `{slot, quantity: 1}` per night slot. "
            "Example: `?location=goa&check_in=2026-12-20&check_out=2026-12-22&guests=3`. Names, "
            "cities and addresses come in the request's language (`Accept-Language: ar`), "
            "English where no Arabic is given."
        ),
        parameters=[StaySearchInput],
        responses={200: StaySearchOutput, 400: OpenApiResponse(description="validation_error")},
        examples=examples.STAY_SEARCH,
    )
    def get(self, request: Request) -> Response:
        now = timezone.now()
        query = validated(
            StaySearchInput, request.query_params, context={"today": timezone.localdate(now)}
        )
        venues = stays_search(
            location=query["location"],
            check_in=query["check_in"],
            check_out=query["check_out"],
            guests=query["guests"],
            now=now,
        )
        page = paginate(venues, page=query["page"], page_size=query["page_size"])
        return Response(
            {
                "ok": True,
                "location": normalize_location(query["location"]),
                "check_in": query["check_in"].isoformat(),
                "check_out": query["check_out"].isoformat(),
                "nights": len(stay_nights(query["check_in"], query["check_out"])),
                "guests": query["guests"],
                "count": page.count,
                "page": page.page,
                "page_size": page.page_size,
                "pages": page.pages,
                "venues": StayVenueOutput(
                    page.items,
                    many=True,
                    context={
                        "venues": venues_shown(venue.id for venue in page.items),
                        "rooms": resources_shown(
                            room.id for venue in page.items for room in venue.rooms
                        ),
                    },
                ).data,
            }
        )


class StaySuggestionsInput(serializers.Serializer):
    q = serializers.CharField(
        max_length=100, trim_whitespace=True, help_text="What the guest has typed so far."
    )
    limit = serializers.IntegerField(min_value=1, max_value=20, default=8)


class StaySuggestionOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["city", "venue"])
    label = serializers.CharField(  # type: ignore[assignment]  # a field, not Field.label
        help_text="What to show, in the request's language."
    )
    location = serializers.CharField(help_text="What to search with: `location` of the search.")
    city = serializers.CharField(help_text="The venue's city (a city: itself).")
    country = serializers.CharField(help_text="ISO 3166 code of the venue's country, or empty.")


class StaySuggestionsOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    query = serializers.CharField()
    suggestions = StaySuggestionOutput(many=True)


STAY_SUGGESTIONS_EXAMPLES = [
    OpenApiExample(
        "Partial English name",
        description="`?q=jed`: the city, then the resorts there.",
        value={
            "ok": True,
            "query": "jed",
            "suggestions": [
                {
                    "kind": "city",
                    "label": "Jeddah",
                    "location": "Jeddah",
                    "city": "Jeddah",
                    "country": "SA",
                },
                {
                    "kind": "venue",
                    "label": "Jeddah Corniche Resort",
                    "location": "Jeddah Corniche Resort",
                    "city": "Jeddah",
                    "country": "SA",
                },
            ],
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Arabic, spelled with taa marbuta or heh",
        description="`?q=جده` with `Accept-Language: ar`: labels in Arabic.",
        value={
            "ok": True,
            "query": "جده",
            "suggestions": [
                {"kind": "city", "label": "جدة", "location": "جدة", "city": "جدة", "country": "SA"},
            ],
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Nothing typed",
        value={
            "ok": False,
            "error": {
                "code": "validation_error",
                "message": "Invalid input.",
                "fields": {"q": ["This field may not be blank."]},
            },
        },
        response_only=True,
        status_codes=["400"],
    ),
]


class StaySuggestionsApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Suggest destinations for the stay search box",
        description=(
            "The cities and resorts with stays on sale that `q` finds, as the search's "
            "`location` would: a city in English or Arabic from its start, a resort's or its "
            "stays event's name from the start of any word; case, accents, Arabic tashkeel, "
            "alef forms, taa marbuta and the article ال do not count. Cities first, then "
            "resorts, alphabetically, at most `limit`. Labels come in the request's language "
            "(`Accept-Language`). No availability is checked: that needs dates."
        ),
        parameters=[
            StaySuggestionsInput,
            OpenApiParameter(
                "Accept-Language",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description="ar or en (the default).",
            ),
        ],
        responses={
            200: StaySuggestionsOutput,
            400: OpenApiResponse(description="validation_error"),
        },
        examples=STAY_SUGGESTIONS_EXAMPLES,
    )
    def get(self, request: Request) -> Response:
        query = validated(StaySuggestionsInput, request.query_params)
        found = stay_suggestions(query=query["q"], limit=query["limit"])
        return Response(
            {
                "ok": True,
                "query": query["q"],
                "suggestions": StaySuggestionOutput(found, many=True).data,
            }
        )
