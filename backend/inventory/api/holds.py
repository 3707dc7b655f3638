"""Holds for their owner: take, look, release, extend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.core.errors import NotFound
from backend.core.fields import StrictIntegerField, StrictSlugField
from backend.core.inputs import validated
from backend.inventory.api import examples
from backend.inventory.models import Hold, HoldItem
from backend.inventory.pricing import charge_of
from backend.inventory.selectors.events import events_listed
from backend.inventory.selectors.holds import (
    hold_for_owner,
    hold_items_with_slots,
    holds_active_for_owner,
)
from backend.inventory.services.hold_take import HoldLine
from backend.inventory.services.holds import (
    ItemRequest,
    hold_create,
    hold_extend,
    hold_release,
)
from backend.inventory.services.waiting_room import check_hold_pass
from backend.realtime.payloads import hold_state
from backend.realtime.topics import HOLD

if TYPE_CHECKING:
    from datetime import datetime
    from decimal import Decimal
    from uuid import UUID


class ItemInput(serializers.Serializer):
    slot = StrictIntegerField(min_value=1)
    quantity = StrictIntegerField(min_value=1, max_value=1000, default=1)


class HoldInput(serializers.Serializer):
    event = StrictSlugField()
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    items = ItemInput(many=True, allow_empty=False, max_length=100)  # type: ignore[call-arg]
    queue_pass = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="While the event's waiting room is active: the pass it gave you.",
    )


class HoldItemOutput(serializers.Serializer):
    slot = serializers.IntegerField()
    quantity = serializers.IntegerField()
    resource = serializers.IntegerField()
    resource_name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)


class HoldOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    id = serializers.UUIDField()
    event = serializers.SlugField()
    status = serializers.ChoiceField(choices=Hold.Status.choices)
    expires_at = serializers.DateTimeField()
    server_time = serializers.DateTimeField()
    remaining_seconds = serializers.IntegerField()
    extensions_left = serializers.IntegerField()
    items = HoldItemOutput(many=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()
    topic = serializers.CharField(help_text="Subscribe for the countdown and the hold's fate.")


class MyHoldsQuery(serializers.Serializer):
    event = StrictSlugField(required=False)


class MyHoldsOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    holds = HoldOutput(many=True)


def hold_data(hold: Hold, items: list[HoldItem] | None = None) -> dict[str, Any]:
    """A hold as its owner sees it: ``HoldOutput``'s shape, built directly (a serializer
    instance per request cost more than the rest of the answer). ``items``: its items with
    their slots and resources (else ``hold.items``, prefetched)."""
    now = timezone.now()
    status = hold.status
    if status == Hold.Status.ACTIVE and hold.expires_at <= now:
        status = Hold.Status.EXPIRED
    if items is None:
        items = list(hold.items.all())
    event = hold.event
    return hold_answer(
        hold_id=hold.pk,
        event_slug=event.slug,
        status=status,
        expires_at=hold.expires_at,
        now=now,
        extensions_left=event.max_hold_extensions - hold.extensions,
        lines=[
            HoldLine(
                slot=item.slot_id,
                quantity=item.quantity,
                resource=item.slot.resource_id,
                resource_name=str(item.slot.resource),
                starts_at=item.slot.starts_at,
                ends_at=item.slot.ends_at,
                unit_price=item.slot.unit_price,
            )
            for item in items
        ],
        # What a booking of it charges: with net prices, each line's price plus its tax.
        total=charge_of(
            event=event, prices=[item.slot.unit_price * item.quantity for item in items]
        ),
        currency=event.currency,
    )


def hold_answer(
    *,
    hold_id: UUID | str,
    event_slug: str,
    status: str,
    expires_at: datetime,
    now: datetime,
    extensions_left: int,
    lines: list[HoldLine],
    total: Decimal,
    currency: str,
) -> dict[str, Any]:
    """``HoldOutput``'s shape from its parts: :func:`hold_data` from the models, the rush
    route (inventory/rush.py) from the rows its statement returned."""
    return {
        "ok": True,
        "id": str(hold_id),
        "event": event_slug,
        **hold_state(status=status, expires_at=expires_at, now=now),
        "extensions_left": max(0, extensions_left),
        "items": [
            {
                "slot": line.slot,
                "quantity": line.quantity,
                "resource": line.resource,
                "resource_name": line.resource_name,
                "starts_at": line.starts_at,
                "ends_at": line.ends_at,
                "unit_price": f"{line.unit_price:.2f}",
            }
            for line in lines
        ],
        "total": f"{total:.2f}",
        "currency": currency,
        "topic": HOLD.name(hold_id=hold_id),
    }


def _owned(request: SignedInRequest, hold_id: UUID | str) -> Hold:
    hold = hold_for_owner(hold_id, request.user)
    if hold is None:
        raise NotFound("You have no hold with this id.")
    return hold


class HoldCreateApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        operation_id="holds_list",
        summary="My running holds",
        description=(
            "The caller's holds that still count (active, not yet expired), oldest first, "
            "optionally for one event (`?event=<slug>`; an unknown slug lists none). The web "
            "app adds their units back to the availability it shows, so that a guest's own "
            "hold never reads as taken by someone else."
        ),
        parameters=[MyHoldsQuery],
        responses={200: MyHoldsOutput, 400: OpenApiResponse(description="A malformed event slug.")},
        examples=examples.HOLD_LIST,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(MyHoldsQuery, request.query_params)
        holds = holds_active_for_owner(user=request.user, event_slug=query.get("event"))
        return Response({"ok": True, "holds": [hold_data(hold) for hold in holds]})

    @extend_schema(
        summary="Hold slots for a while (all or nothing)",
        description=(
            "Takes every requested unit or none. 409 `sold_out` names the short slots and "
            "what is left; 409 `hold_limit` when you already hold something for this event "
            "or ask for too much."
        ),
        request=HoldInput,
        responses={
            201: HoldOutput,
            403: OpenApiResponse(
                description="queue_pass_required or queue_pass_invalid: the event's waiting "
                "room is active (docs/waiting-room.md)."
            ),
            409: OpenApiResponse(description="sold_out, hold_limit or not_on_sale."),
        },
        examples=examples.HOLD_CREATE,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(HoldInput, request.data)
        event = events_listed().filter(slug=data["event"]).first()
        if event is None:
            raise NotFound("There is no such event.")
        check_hold_pass(event=event, user_id=request.user.pk, token=data.get("queue_pass"))
        hold = hold_create(
            user=request.user,
            event=event,
            items=[ItemRequest(item["slot"], item["quantity"]) for item in data["items"]],
        )
        prefetch_related_objects([hold], hold_items_with_slots())
        return Response(hold_data(hold), status=201)


class HoldDetailApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="One of my holds",
        responses={
            200: HoldOutput,
            404: OpenApiResponse(description="Not yours, or no such hold."),
        },
        examples=examples.HOLD_DETAIL_GET,
    )
    def get(self, request: SignedInRequest, hold_id: str) -> Response:
        return Response(hold_data(_owned(request, hold_id)))

    @extend_schema(
        summary="Release one of my holds",
        description="The units are free again at once. 410 if it had already expired.",
        responses={200: HoldOutput, 409: OpenApiResponse(), 410: OpenApiResponse()},
        examples=examples.HOLD_DETAIL_DELETE,
    )
    def delete(self, request: SignedInRequest, hold_id: str) -> Response:
        hold = hold_release(hold=_owned(request, hold_id))
        return Response(hold_data(hold))


class HoldExtendApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="More time for one of my holds",
        description=(
            "Adds the event's hold time (`hold_minutes`) to the hold's current end, as many "
            "times as the event allows (`extensions_left` says how many remain); 409 "
            "`hold_extension_limit` after the last one, 410 once the hold has expired."
        ),
        request=None,
        responses={200: HoldOutput, 409: OpenApiResponse(), 410: OpenApiResponse()},
        examples=examples.HOLD_EXTEND,
    )
    def post(self, request: SignedInRequest, hold_id: str) -> Response:
        hold = hold_extend(hold=_owned(request, hold_id))
        return Response(hold_data(_owned(request, hold.pk)))
