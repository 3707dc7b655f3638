"""Seated events: the sections of the map, and "best available N seats together"."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import translation
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.core.errors import NotFound
from backend.core.fields import StrictCharField, StrictIntegerField
from backend.core.inputs import validated
from backend.inventory.api import examples
from backend.inventory.api.holds import HoldOutput, hold_data
from backend.inventory.models import SeatSection
from backend.inventory.selectors.events import events_listed
from backend.inventory.selectors.holds import hold_items_with_slots
from backend.inventory.services.seats import hold_best_available


def _arabic() -> bool:
    return (translation.get_language() or "en").startswith("ar")


class SeatSectionOutput(serializers.Serializer):
    name = serializers.CharField(help_text="The code seats carry in their `section`.")
    # A declared field named like Field.label (DRF moves it off the class; the stubs cannot).
    label = serializers.SerializerMethodField(  # type: ignore[assignment]
        help_text="Its name in the request's language."
    )
    tier = serializers.SerializerMethodField(help_text="Price tier, in the request's language.")
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="Null: each seat's own."
    )
    rank = serializers.IntegerField(help_text="Best available prefers lower ranks.")
    map_row = serializers.IntegerField(help_text="The band of the map, 0 nearest the stage.")
    sort_order = serializers.IntegerField(help_text="Left to right within the band.")
    aisles_after = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Seat numbers followed by an aisle (a gap in the numbering is one too).",
    )

    def get_label(self, section: SeatSection) -> str:
        return (section.name_ar if _arabic() else "") or section.name

    def get_tier(self, section: SeatSection) -> str:
        return (section.tier_ar if _arabic() else "") or section.tier


class BestAvailableInput(serializers.Serializer):
    quantity = StrictIntegerField(min_value=1, max_value=50)
    section = StrictCharField(
        max_length=50, required=False, help_text="Only in this section (its `name`)."
    )


BEST_AVAILABLE_EXAMPLES = [
    OpenApiExample("Four together", value={"quantity": 4}, request_only=True),
    OpenApiExample(
        "Two on the floor", value={"quantity": 2, "section": "Floor"}, request_only=True
    ),
    OpenApiExample(
        "Held",
        value={
            **examples.HOLD,
            "items": [
                {
                    "slot": 301 + n,
                    "quantity": 1,
                    "resource": 201 + n,
                    "resource_name": f"Floor row A seat {5 + n}",
                    "starts_at": "2026-12-05T14:00:00Z",
                    "ends_at": "2026-12-05T23:00:00Z",
                    "unit_price": "450.00",
                }
                for n in range(2)
            ],
            "total": "900.00",
        },
        response_only=True,
        status_codes=["201"],
    ),
    OpenApiExample(
        "Not that many together",
        value={
            "ok": False,
            "error": {
                "code": "sold_out",
                "message": "There are not that many free seats together; try fewer or "
                "another section.",
                "requested": 6,
                "section": "Floor",
            },
            "requested": 6,
            "section": "Floor",
        },
        response_only=True,
        status_codes=["409"],
    ),
]


class BestAvailableApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Hold the best N seats together",
        description=(
            "Picks `quantity` adjacent free seats in one row, never across an aisle, best "
            "first: the section's `rank`, then the row nearest the stage, then the seats "
            "nearest the row's middle, and holds them like POST /api/holds/ (the same answer). "
            "Two guests asking at once get different seats. 409 `sold_out` when no such block "
            "is free; 409 `hold_limit` when you already hold something for this event or ask "
            "for more than a hold may take."
        ),
        request=BestAvailableInput,
        responses={
            201: HoldOutput,
            400: OpenApiResponse(description="A bad quantity or an unknown section."),
            404: OpenApiResponse(description="No such event."),
            409: OpenApiResponse(description="sold_out, hold_limit or not_on_sale."),
        },
        examples=BEST_AVAILABLE_EXAMPLES,
    )
    def post(self, request: SignedInRequest, slug: str) -> Response:
        data: dict[str, Any] = validated(BestAvailableInput, request.data)
        event = events_listed().filter(slug=slug).first()
        if event is None:
            raise NotFound("There is no such event.")
        hold = hold_best_available(
            user=request.user,
            event=event,
            quantity=data["quantity"],
            section=data.get("section"),
        )
        prefetch_related_objects([hold], hold_items_with_slots())
        return Response(hold_data(hold), status=201)
