"""Waitlists of sold-out slots (``docs/waiting-room.md``): join, the caller's entries, leave,
and the staff's list of an event's waitlist."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, IsStaff, SignedInRequest
from backend.bookings.api import examples
from backend.bookings.models import WaitlistEntry
from backend.bookings.selectors import waitlist_data, waitlist_for_staff, waitlist_of
from backend.bookings.services.waitlist import waitlist_join, waitlist_leave
from backend.core.errors import NotFound
from backend.core.fields import IdField, StrictSlugField
from backend.core.inputs import validated
from backend.core.pagination import PageInput, PageOutput, page_body, paginate
from backend.inventory.selectors.events import event_find

if TYPE_CHECKING:
    from backend.accounts.models import User


class WaitlistJoinInput(serializers.Serializer):
    slot = IdField()
    quantity = serializers.IntegerField(min_value=1, max_value=100, default=1)


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "description": "While offered: the hold made in your name and when it ends; else null.",
        "properties": {
            "hold": {"type": "string", "format": "uuid"},
            "expires_at": {"type": "string", "format": "date-time"},
        },
        "required": ["hold", "expires_at"],
    }
)
class OfferField(serializers.DictField):
    pass


class WaitlistItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField()
    slot = serializers.IntegerField()
    quantity = serializers.IntegerField()
    status = serializers.ChoiceField(choices=WaitlistEntry.Status.choices)
    position = serializers.IntegerField(
        allow_null=True, help_text="While waiting: 1 is the next to be offered."
    )
    joined_at = serializers.DateTimeField()
    offer = OfferField(allow_null=True)


class WaitlistOutput(WaitlistItemOutput):
    ok = serializers.BooleanField()


class WaitlistPageOutput(PageOutput):
    results = WaitlistItemOutput(many=True)


class StaffWaitlistOutput(WaitlistItemOutput):
    name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class StaffWaitlistPageOutput(PageOutput):
    results = StaffWaitlistOutput(many=True)


class StaffWaitlistFilter(PageInput):
    event = StrictSlugField()
    slot = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


def _answer(entry: WaitlistEntry) -> dict[str, Any]:
    return {"ok": True, **waitlist_data(entry)}


def _staff_row(entry: WaitlistEntry) -> dict[str, Any]:
    user = entry.user
    return {
        **waitlist_data(entry),
        "name": user.name,
        "phone": user.phone or "",
        "email": user.email or "",
    }


def _owned(request: Request, entry_id: int) -> WaitlistEntry:
    entry = waitlist_of(cast("User", request.user)).filter(pk=entry_id).first()
    if entry is None:
        raise NotFound("You have no waitlist entry with this id.")
    return entry


class WaitlistJoinApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Join a sold-out slot's waitlist",
        request=WaitlistJoinInput,
        responses={
            201: WaitlistOutput,
            200: OpenApiResponse(WaitlistOutput, description="Already on it: the entry."),
            404: OpenApiResponse(description="No such event."),
            409: OpenApiResponse(description="not_sold_out: the units can be held now."),
        },
        examples=examples.WAITLIST_JOIN,
    )
    def post(self, request: Request, slug: str) -> Response:
        data = validated(WaitlistJoinInput, request.data)
        event = event_find(slug=slug, listed=True)
        if event is None:
            raise NotFound("There is no such event.")
        entry, created = waitlist_join(
            user=cast("User", request.user),
            event=event,
            slot_id=data["slot"],
            quantity=data["quantity"],
        )
        return Response(_answer(entry), status=201 if created else 200)


class WaitlistMineApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My waitlist entries",
        operation_id="waitlist_mine",
        parameters=[PageInput],
        responses={200: WaitlistPageOutput},
        examples=examples.WAITLIST_MINE,
    )
    def get(self, request: Request) -> Response:
        query = validated(PageInput, request.query_params)
        entries = waitlist_of(cast("User", request.user))
        page = paginate(entries, page=query["page"], page_size=query["page_size"])
        return Response(page_body(page, waitlist_data))


class WaitlistDetailApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="One of my waitlist entries",
        responses={200: WaitlistOutput, 404: OpenApiResponse(description="Not yours.")},
        examples=examples.WAITLIST_DETAIL,
    )
    def get(self, request: Request, entry_id: int) -> Response:
        return Response(_answer(_owned(request, entry_id)))

    @extend_schema(
        summary="Leave a waitlist (an offer is given up)",
        responses={
            200: WaitlistOutput,
            404: OpenApiResponse(description="Not yours."),
            409: OpenApiResponse(description="waitlist_ended: taken, lapsed or left already."),
        },
        examples=examples.WAITLIST_LEAVE,
    )
    def delete(self, request: Request, entry_id: int) -> Response:
        return Response(_answer(waitlist_leave(entry=_owned(request, entry_id))))


class StaffWaitlistApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="An event's waitlist, in the order it is served",
        operation_id="staff_waitlist_list",
        parameters=[StaffWaitlistFilter],
        responses={
            200: StaffWaitlistPageOutput,
            403: OpenApiResponse(description="Not an event you staff."),
        },
        examples=examples.WAITLIST_STAFF,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(StaffWaitlistFilter, request.query_params)
        entries = waitlist_for_staff(request.user, event=query["event"], slot=query.get("slot"))
        page = paginate(entries, page=query["page"], page_size=query["page_size"])
        return Response(page_body(page, _staff_row))
