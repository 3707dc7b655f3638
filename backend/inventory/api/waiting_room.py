"""The waiting room (docs/waiting-room.md): a guest's place in line, and the staff controls."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, IsStaff, SignedInRequest
from backend.core.errors import NotFound
from backend.core.inputs import validated
from backend.inventory.models import Event, QueueEntry, WaitingRoom
from backend.inventory.selectors.events import event_for, events_listed
from backend.inventory.services import waiting_room as service

OPENS_AT = "2026-07-01T09:00:00Z"
WAITING = {
    "ok": True,
    "token": "kS3v9XfQ1b2c8LmZpQ7wEg",
    "status": "waiting",
    "position": 1204,
    "ahead": 1203,
    "estimated_wait_seconds": 120,
    "opens_at": OPENS_AT,
    "topic": "queue:summer-fest:kS3v9XfQ1b2c8LmZpQ7wEg",
}
ADMITTED = {
    **WAITING,
    "status": "admitted",
    "position": None,
    "ahead": None,
    "estimated_wait_seconds": None,
    "pass": {"token": "eyJ1Ijo0MiwiZSI6NywieCI6MTc4MjkwNDQwMH0:1vX...", "expires_at": OPENS_AT},
}
STAFF_ROOM = {
    "ok": True,
    "mode": "on",
    "opens_at": OPENS_AT,
    "admission_per_minute": 600,
    "pass_minutes": 10,
    "arrival_threshold": 1000,
    "active": True,
    "length": 1204,
    "admitted": 310,
    "admitted_per_minute": 598,
    "estimated_wait_seconds": 120,
}


class JoinInput(serializers.Serializer):
    device = serializers.CharField(required=False, allow_blank=True, max_length=64)


class PassOutput(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `queue_pass` with POST /api/holds/.")
    expires_at = serializers.DateTimeField()


class QueueOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    token = serializers.CharField()
    status = serializers.ChoiceField(choices=QueueEntry.Status.choices)
    position = serializers.IntegerField(
        allow_null=True, help_text="1 is the next let in; null before the opening's draw."
    )
    ahead = serializers.IntegerField(allow_null=True)
    estimated_wait_seconds = serializers.IntegerField(allow_null=True)
    opens_at = serializers.DateTimeField(allow_null=True)
    topic = serializers.CharField(help_text="Subscribe for the position and the pass.")
    vars()["pass"] = PassOutput(required=False, help_text="When admitted.")  # a keyword


class LeftOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    status = serializers.CharField()


class RoomInput(serializers.Serializer):
    mode = serializers.ChoiceField(choices=WaitingRoom.Mode.choices, required=False)
    opens_at = serializers.DateTimeField(required=False, allow_null=True)
    admission_per_minute = serializers.IntegerField(
        required=False, min_value=1, max_value=1_000_000
    )
    pass_minutes = serializers.IntegerField(required=False, min_value=1, max_value=240)
    arrival_threshold = serializers.IntegerField(required=False, min_value=1, max_value=10**9)


class RoomOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    mode = serializers.ChoiceField(choices=WaitingRoom.Mode.choices)
    opens_at = serializers.DateTimeField(allow_null=True)
    admission_per_minute = serializers.IntegerField()
    pass_minutes = serializers.IntegerField()
    arrival_threshold = serializers.IntegerField()
    active = serializers.BooleanField()
    length = serializers.IntegerField(help_text="Waiting now.")
    admitted = serializers.IntegerField(help_text="Holding a pass now.")
    admitted_per_minute = serializers.IntegerField(help_text="Let in in the last minute.")
    estimated_wait_seconds = serializers.IntegerField(help_text="Of the last in line.")


def _event(slug: str) -> Event:
    event = events_listed().filter(slug=slug).first()
    if event is None:
        raise NotFound("There is no such event.")
    return event


def _address(request: Request) -> str | None:
    address = request.META.get("REMOTE_ADDR")
    return address if isinstance(address, str) and address else None


class QueueJoinApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Join the event's waiting room",
        description=(
            "One place per account per event: joining again answers the same token (200). "
            "Who joins before `opens_at` is put in a uniformly random order at the opening; "
            "after it, first come, first served. 409 `waiting_room_off` when the room is not "
            "active; 429 `rate_limited` past `WAITING_ROOM_TOKENS_PER_ADDRESS` places from "
            "one client address."
        ),
        request=JoinInput,
        responses={
            201: QueueOutput,
            200: QueueOutput,
            409: OpenApiResponse(description="waiting_room_off"),
            429: OpenApiResponse(description="rate_limited"),
        },
        examples=[
            OpenApiExample("From a phone", value={"device": "web"}, request_only=True),
            OpenApiExample("Waiting", value=WAITING, response_only=True, status_codes=["201"]),
        ],
    )
    def post(self, request: SignedInRequest, slug: str) -> Response:
        data = validated(JoinInput, request.data)
        event = _event(slug)
        entry, new = service.queue_join(
            event=event,
            user=request.user,
            address=_address(request),
            device=data.get("device") or "",
        )
        entry.room.event = event
        return Response(service.entry_state(entry, entry.room), status=201 if new else 200)


def _owned(request: SignedInRequest, slug: str, token: str) -> QueueEntry:
    entry = service.entry_for_owner(_event(slug), token, request.user)
    if entry is None:
        raise NotFound("You have no place in this queue with this token.")
    return entry


class QueueEntryApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My place in the waiting room",
        description="Reading it counts as being seen (an unseen place is dropped).",
        responses={200: QueueOutput, 404: OpenApiResponse(description="Not your token.")},
        examples=[
            OpenApiExample("Let in", value=ADMITTED, response_only=True, status_codes=["200"])
        ],
    )
    def get(self, request: SignedInRequest, slug: str, token: str) -> Response:
        entry = _owned(request, slug, token)
        return Response(service.entry_state(entry, entry.room))

    @extend_schema(
        summary="Leave the waiting room",
        responses={200: LeftOutput, 404: OpenApiResponse(description="Not your token.")},
        examples=[OpenApiExample("Left", value={"ok": True, "status": "left"}, response_only=True)],
    )
    def delete(self, request: SignedInRequest, slug: str, token: str) -> Response:
        service.queue_leave(_owned(request, slug, token))
        return Response({"ok": True, "status": "left"})


def _room_answer(room: WaitingRoom) -> dict[str, Any]:
    return {
        "ok": True,
        **{name: getattr(room, name) for name in service.STAFF_FIELDS},
        **service.room_figures(room),
    }


class StaffWaitingRoomApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="The event's waiting room, as staff run it",
        responses={
            200: RoomOutput,
            403: OpenApiResponse(description="Not staff of this event."),
            404: OpenApiResponse(description="No such event."),
        },
        examples=[OpenApiExample("On", value=STAFF_ROOM, response_only=True)],
    )
    def get(self, request: SignedInRequest, slug: str) -> Response:
        event = event_for(request.user, slug)
        return Response(_room_answer(service.room_of(event)))

    @extend_schema(
        summary="Change the event's waiting room",
        description=(
            "Only the fields sent change. `mode` `on` makes the room active at once, `off` "
            "lets everyone through, `auto` switches on past `arrival_threshold` arrivals per "
            "minute. Audited (`waiting_room.update`)."
        ),
        request=RoomInput,
        responses={
            200: RoomOutput,
            400: OpenApiResponse(description="`validation_error` naming the fields."),
            403: OpenApiResponse(description="Not staff of this event."),
            404: OpenApiResponse(description="No such event."),
        },
        examples=[
            OpenApiExample(
                "Switch on",
                value={"mode": "on", "opens_at": OPENS_AT, "admission_per_minute": 600},
                request_only=True,
            ),
            OpenApiExample("On", value=STAFF_ROOM, response_only=True),
        ],
    )
    def patch(self, request: SignedInRequest, slug: str) -> Response:
        event = event_for(request.user, slug)
        changes = validated(RoomInput, request.data)
        room = service.room_update(event=event, actor=request.user, changes=changes)
        return Response(_room_answer(room))
