"""The event's public pages, for anyone: the page, the sponsors, the schedule, the contact
form. An unknown (or draft) event is a 404."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.content import selectors
from backend.content.api import examples
from backend.content.api.serializers import (
    ContactInput,
    ContactReceivedOutput,
    ContentOutput,
    ScheduleItemOutput,
    ScheduleQuery,
    SponsorOutput,
)
from backend.content.services.messages import contact_message_submit
from backend.core.inputs import validated

NOT_FOUND = OpenApiResponse(description="No such event (or not published yet).")


class PublicApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class EventContentApi(PublicApi):
    @extend_schema(
        summary="An event's page",
        description=(
            "Tagline, description, pictures, FAQ and links (in English and Arabic: an empty "
            "`_ar` text means the English one is shown), and the festival map with its "
            "stages and the vendors' booths, placed in percent of the map's width and "
            "height from its top left corner. An event without a page answers the same "
            "shape, empty."
        ),
        responses={200: ContentOutput, 404: NOT_FOUND},
        examples=examples.CONTENT,
    )
    def get(self, request: Request, slug: str) -> Response:
        event = selectors.public_event(slug)
        return Response({"ok": True, **selectors.page_content(event)})


class SponsorListApi(PublicApi):
    @extend_schema(
        summary="An event's sponsors",
        description="In display order: by tier (title, platinum, gold, silver, bronze, "
        "partner), then the event's own order within a tier, then name.",
        responses={200: SponsorOutput(many=True), 404: NOT_FOUND},
        examples=examples.SPONSORS,
    )
    def get(self, request: Request, slug: str) -> Response:
        return Response(selectors.sponsors_of(selectors.public_event(slug)))


class ScheduleApi(PublicApi):
    @extend_schema(
        summary="An event's schedule",
        description=(
            "Every performance, by start time then stage order, cancelled and delayed ones "
            "included (with their `status` and `note`). `?day=` keeps one day, in the venue's "
            "time zone. The topic `event:{slug}:schedule` pushes every change (docs/content.md)."
        ),
        parameters=[ScheduleQuery],
        responses={200: ScheduleItemOutput(many=True), 400: examples.BAD_QUERY_RESPONSE,
                   404: NOT_FOUND},
        examples=examples.SCHEDULE,
    )  # fmt: skip
    def get(self, request: Request, slug: str) -> Response:
        query = validated(ScheduleQuery, request.query_params)
        event = selectors.public_event(slug)
        return Response(selectors.schedule_items(event, day=query.get("day")))


class ContactApi(PublicApi):
    @extend_schema(
        summary="Write to the event's organisers",
        description=(
            "Stored and e-mailed to the event's staff, who answer by e-mail (Reply-To is the "
            "sender). At most 3 messages per sender address and 10 per client address an "
            "hour (429 `rate_limited` with `retry_after`). 400 `spam` when the hidden "
            "`website` field is filled, a link is in the name or subject, or the message has "
            "more than 2 links (http://, https://, www., <a, [url); nothing is stored then."
        ),
        request=ContactInput,
        responses={
            201: ContactReceivedOutput,
            400: OpenApiResponse(description="`validation_error` naming the fields, or `spam`."),
            404: NOT_FOUND,
            429: OpenApiResponse(description="`rate_limited`, with `retry_after` seconds."),
        },
        examples=examples.CONTACT,
    )
    def post(self, request: Request, slug: str) -> Response:
        event = selectors.public_event(slug)
        data = validated(ContactInput, request.data)
        message = contact_message_submit(
            event=event,
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            website=data["website"],
            ip=request.META.get("REMOTE_ADDR") or None,
        )
        return Response(
            {"ok": True, "id": message.pk, "received_at": selectors.iso(message.created_at)},
            status=201,
        )
