"""The event's pages for its staff: the page's texts, pictures and map, the stages, sponsors
and schedule, and the messages visitors sent.

A list or a new row names its event with ``?event=<slug>`` (404 when there is no such event,
403 for someone who is not its staff); a row named by id is found among the events the
caller staffs (404 otherwise, also for another event's row). Every change is audited; a
change to the schedule is pushed on ``event:{slug}:schedule``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.content import selectors
from backend.content.api import examples
from backend.content.api.serializers import (
    ContactMessageAnswer,
    ContactMessagePage,
    ContactMessageQuery,
    ContentDeletedOutput,
    ContentEventQuery,
    ContentPatchInput,
    DelayInput,
    FestivalMapAnswer,
    FestivalMapInput,
    PageImageInput,
    PerformanceAnswer,
    PerformanceInput,
    SponsorAnswer,
    SponsorInput,
    SponsorListOutput,
    StaffContentOutput,
    StaffPageImageAnswer,
    StaffScheduleOutput,
    StaffScheduleQuery,
    StageAnswer,
    StageInput,
    StageListOutput,
)
from backend.content.models import Stage
from backend.content.services import pages, schedule, sponsors
from backend.content.services.messages import contact_message_handled
from backend.core.errors import ValidationError
from backend.core.inputs import validated
from backend.core.pagination import page_body, paginate
from backend.core.parsers import JSONParser
from backend.inventory.models import Event
from backend.inventory.selectors.events import event_for

EVENT_ERRORS = {
    403: OpenApiResponse(description="Not staff of this event."),
    404: OpenApiResponse(description="No such event."),
}
ROW_ERRORS = {404: OpenApiResponse(description="No such row in the events you staff.")}
BAD_INPUT = {400: OpenApiResponse(description="`validation_error` naming the fields.")}


class StaffApi(APIView):
    permission_classes = [IsStaff]


def staff_event(request: SignedInRequest) -> Event:
    query = validated(ContentEventQuery, request.query_params)
    return event_for(request.user, query["event"])


# --- the page ----------------------------------------------------------------------------------


class StaffContentApi(StaffApi):
    @extend_schema(
        summary="The event's page, as staff edit it",
        parameters=[ContentEventQuery],
        responses={200: StaffContentOutput, **EVENT_ERRORS},
        examples=examples.STAFF_CONTENT,
    )
    def get(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        return Response({"ok": True, **selectors.staff_content(event)})

    @extend_schema(
        summary="Change the event's page",
        description=(
            "Only the fields sent change. `faq` and `links`, when sent, replace the old lists "
            "whole (in the order sent). Links are http:// or https:// only. Audited "
            "(`content.page_update`)."
        ),
        parameters=[ContentEventQuery],
        request=ContentPatchInput,
        responses={200: StaffContentOutput, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_CONTENT_PATCH,
    )
    def patch(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        changes = validated(ContentPatchInput, request.data)
        pages.page_update(event=event, actor=request.user, changes=changes)
        return Response({"ok": True, **selectors.staff_content(event)})


class StaffImageListApi(StaffApi):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Add a picture to the event's page",
        description=(
            "multipart/form-data. The file must be a PNG, JPEG, WebP or GIF within the size "
            "limit (anything else, an SVG included, is a 400 naming `image`); it is stored "
            "under a random name. Audited (`content.image_add`)."
        ),
        parameters=[ContentEventQuery],
        request={"multipart/form-data": PageImageInput},
        responses={201: StaffPageImageAnswer, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_IMAGE,
    )
    def post(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        data = validated(PageImageInput, request.data)
        image = pages.image_add(
            event=event,
            actor=request.user,
            upload=data["image"],
            alt=data["alt"],
            alt_ar=data["alt_ar"],
            sort_order=data["sort_order"],
        )
        return Response({"ok": True, **selectors.image_data(image)}, status=201)


class StaffImageApi(StaffApi):
    @extend_schema(
        summary="Take a picture off the event's page",
        description="Its file leaves the storage too. Audited (`content.image_delete`).",
        responses={200: ContentDeletedOutput, **ROW_ERRORS},
        examples=examples.DELETED,
    )
    def delete(self, request: SignedInRequest, image_id: int) -> Response:
        image = selectors.image_for_staff(request.user, image_id)
        pages.image_delete(image=image, actor=request.user)
        return Response({"ok": True, "id": image_id})


class StaffMapApi(StaffApi):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Set the festival map's picture",
        description=(
            "multipart/form-data with `image` (PNG, JPEG, WebP or GIF); replaces the old one. "
            "Stages (and booths) are placed on it in percent. Audited (`content.map_set`)."
        ),
        parameters=[ContentEventQuery],
        request={"multipart/form-data": FestivalMapInput},
        responses={200: FestivalMapAnswer, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_MAP,
    )
    def put(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        data = validated(FestivalMapInput, request.data)
        content = pages.map_set(event=event, actor=request.user, upload=data["image"])
        return Response({"ok": True, "map_image": content.map_image.url})

    @extend_schema(
        summary="Remove the festival map's picture",
        description="The page then has no map picture (`map.image` null). Audited when there "
        "was one (`content.map_remove`).",
        parameters=[ContentEventQuery],
        responses={200: FestivalMapAnswer, **EVENT_ERRORS},
        examples=examples.STAFF_MAP_REMOVED,
    )
    def delete(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        pages.map_remove(event=event, actor=request.user)
        return Response({"ok": True, "map_image": None})


# --- stages ------------------------------------------------------------------------------------


class StaffStageListApi(StaffApi):
    @extend_schema(
        summary="The event's stages",
        parameters=[ContentEventQuery],
        responses={200: StageListOutput, **EVENT_ERRORS},
        examples=examples.STAFF_STAGES,
    )
    def get(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        stages = [selectors.stage_data(stage) for stage in selectors.stages_of(event)]
        return Response({"ok": True, "stages": stages})

    @extend_schema(
        summary="Add a stage",
        description="A name the event's other stages do not have, and its place on the map "
        "(`x`, `y` in percent). Audited (`content.stage_create`).",
        parameters=[ContentEventQuery],
        request=StageInput,
        responses={201: StageAnswer, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_STAGE_CREATE,
    )
    def post(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        data = validated(StageInput, request.data)
        stage = schedule.stage_create(event=event, actor=request.user, data=data)
        return Response({"ok": True, **selectors.stage_data(stage)}, status=201)


class StaffStageApi(StaffApi):
    @extend_schema(
        summary="Change a stage",
        description="A new name or order is pushed with the stage's performances on the "
        "schedule topic. Audited (`content.stage_update`).",
        request=StageInput,
        responses={200: StageAnswer, **BAD_INPUT, **ROW_ERRORS},
        examples=examples.STAFF_STAGE_UPDATE,
    )
    def patch(self, request: SignedInRequest, stage_id: int) -> Response:
        stage = selectors.stage_for_staff(request.user, stage_id)
        changes = validated(StageInput, request.data, partial=True)
        stage = schedule.stage_update(stage=stage, actor=request.user, changes=changes)
        return Response({"ok": True, **selectors.stage_data(stage)})

    @extend_schema(
        summary="Delete a stage",
        description="Only one without performances (409 `stage_has_performances`). Audited "
        "(`content.stage_delete`).",
        responses={
            200: ContentDeletedOutput,
            409: OpenApiResponse(description="It has performances."),
            **ROW_ERRORS,
        },
        examples=examples.DELETED,
    )
    def delete(self, request: SignedInRequest, stage_id: int) -> Response:
        stage = selectors.stage_for_staff(request.user, stage_id)
        schedule.stage_delete(stage=stage, actor=request.user)
        return Response({"ok": True, "id": stage_id})


# --- sponsors ----------------------------------------------------------------------------------

SPONSOR_REQUEST = {"application/json": SponsorInput, "multipart/form-data": SponsorInput}


class StaffSponsorListApi(StaffApi):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary="The event's sponsors",
        description="In display order (tier, then order within the tier, then name).",
        parameters=[ContentEventQuery],
        responses={200: SponsorListOutput, **EVENT_ERRORS},
        examples=examples.STAFF_SPONSORS,
    )
    def get(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        found = [selectors.staff_sponsor_data(s) for s in selectors.sponsors_in_order(event)]
        return Response({"ok": True, "sponsors": found})

    @extend_schema(
        summary="Add a sponsor",
        description=(
            "JSON, or multipart/form-data with a `logo` file (PNG, JPEG, WebP or GIF; "
            "anything else is a 400 naming `logo`). Audited (`content.sponsor_create`)."
        ),
        parameters=[ContentEventQuery],
        request=SPONSOR_REQUEST,
        responses={201: SponsorAnswer, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_SPONSOR_CREATE,
    )
    def post(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        data = validated(SponsorInput, request.data)
        logo = data.pop("logo")
        sponsor = sponsors.sponsor_create(event=event, actor=request.user, data=data, logo=logo)
        return Response({"ok": True, **selectors.staff_sponsor_data(sponsor)}, status=201)


class StaffSponsorApi(StaffApi):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary="Change a sponsor",
        description="Only the fields sent change; a `logo` file replaces the logo, `logo: "
        "null` (JSON) removes it. Audited (`content.sponsor_update`).",
        request=SPONSOR_REQUEST,
        responses={200: SponsorAnswer, **BAD_INPUT, **ROW_ERRORS},
        examples=examples.STAFF_SPONSOR_UPDATE,
    )
    def patch(self, request: SignedInRequest, sponsor_id: int) -> Response:
        sponsor = selectors.sponsor_for_staff(request.user, sponsor_id)
        changes = validated(SponsorInput, request.data, partial=True)
        remove = "logo" in changes and changes["logo"] is None
        logo = changes.pop("logo", None)
        sponsor = sponsors.sponsor_update(
            sponsor=sponsor, actor=request.user, changes=changes, logo=logo, remove_logo=remove
        )
        return Response({"ok": True, **selectors.staff_sponsor_data(sponsor)})

    @extend_schema(
        summary="Delete a sponsor",
        description="Its logo leaves the storage too. Audited (`content.sponsor_delete`).",
        responses={200: ContentDeletedOutput, **ROW_ERRORS},
        examples=examples.DELETED,
    )
    def delete(self, request: SignedInRequest, sponsor_id: int) -> Response:
        sponsor = selectors.sponsor_for_staff(request.user, sponsor_id)
        sponsors.sponsor_delete(sponsor=sponsor, actor=request.user)
        return Response({"ok": True, "id": sponsor_id})


# --- the schedule ------------------------------------------------------------------------------


def _stage(event: Event, stage_id: int) -> Stage:
    stage = selectors.stages_of(event).filter(pk=stage_id).first()
    if stage is None:
        raise ValidationError(fields={"stage": ["Not a stage of this event."]})
    return stage


def _performance_answer(performance: Any, status: int = 200) -> Response:
    return Response({"ok": True, **selectors.staff_schedule_item(performance)}, status=status)


class StaffScheduleListApi(StaffApi):
    @extend_schema(
        summary="The event's schedule, for its staff",
        description="As the public schedule, with each performance's `updated_at`.",
        parameters=[StaffScheduleQuery],
        responses={200: StaffScheduleOutput, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_SCHEDULE,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(StaffScheduleQuery, request.query_params)
        event = event_for(request.user, query["event"])
        found = selectors.schedule_of(event, day=query.get("day"))
        return Response({"ok": True, "items": [selectors.staff_schedule_item(p) for p in found]})

    @extend_schema(
        summary="Add a performance",
        description="On a stage of the event; it ends after it starts. Pushed on the "
        "schedule topic; audited (`content.performance_create`).",
        parameters=[ContentEventQuery],
        request=PerformanceInput,
        responses={201: PerformanceAnswer, **BAD_INPUT, **EVENT_ERRORS},
        examples=examples.STAFF_PERFORMANCE_CREATE,
    )
    def post(self, request: SignedInRequest) -> Response:
        event = staff_event(request)
        data = validated(PerformanceInput, request.data)
        stage = _stage(event, data.pop("stage"))
        performance = schedule.performance_create(
            event=event, actor=request.user, stage=stage, data=data
        )
        return _performance_answer(performance, status=201)


class StaffPerformanceApi(StaffApi):
    @extend_schema(
        summary="Change a performance",
        description=(
            "Only the fields sent change: a new time, another stage of the event (a stage "
            "swap), `status: cancelled` with a `note`… Pushed on the schedule topic; audited "
            "(`content.performance_update`)."
        ),
        request=PerformanceInput,
        responses={200: PerformanceAnswer, **BAD_INPUT, **ROW_ERRORS},
        examples=examples.STAFF_PERFORMANCE_UPDATE,
    )
    def patch(self, request: SignedInRequest, performance_id: int) -> Response:
        performance = selectors.performance_for_staff(request.user, performance_id)
        changes = validated(PerformanceInput, request.data, partial=True)
        stage_id = changes.pop("stage", None)
        stage = _stage(performance.stage.event, stage_id) if stage_id is not None else None
        performance = schedule.performance_update(
            performance=performance, actor=request.user, changes=changes, stage=stage
        )
        return _performance_answer(performance)

    @extend_schema(
        summary="Delete a performance",
        description="Pushed on the schedule topic as `removed`; audited "
        "(`content.performance_delete`).",
        responses={200: ContentDeletedOutput, **ROW_ERRORS},
        examples=examples.DELETED,
    )
    def delete(self, request: SignedInRequest, performance_id: int) -> Response:
        performance = selectors.performance_for_staff(request.user, performance_id)
        schedule.performance_delete(performance=performance, actor=request.user)
        return Response({"ok": True, "id": performance_id})


class StaffPerformanceDelayApi(StaffApi):
    @extend_schema(
        summary="Delay a performance",
        description=(
            "Moves it `minutes` (1-240) later and marks it `delayed`; with `cascade` the "
            "performances after it on the same stage that day (venue time) move too, "
            "cancelled ones excepted. Everything moved is pushed in one `schedule` frame and "
            "answered here. 409 `performance_cancelled` for a cancelled one. Audited "
            "(`content.performance_delay`)."
        ),
        request=DelayInput,
        responses={200: StaffScheduleOutput, **BAD_INPUT, **ROW_ERRORS,
                   409: OpenApiResponse(description="The performance is cancelled.")},
        examples=examples.STAFF_DELAY,
    )  # fmt: skip
    def post(self, request: SignedInRequest, performance_id: int) -> Response:
        performance = selectors.performance_for_staff(request.user, performance_id)
        data = validated(DelayInput, request.data)
        moved = schedule.performance_delay(
            performance=performance,
            actor=request.user,
            minutes=data["minutes"],
            cascade=data["cascade"],
        )
        return Response({"ok": True, "items": [selectors.staff_schedule_item(p) for p in moved]})


# --- messages ----------------------------------------------------------------------------------


class StaffMessageListApi(StaffApi):
    @extend_schema(
        summary="What visitors wrote through the contact form",
        description="Newest first, paged; `handled` keeps the handled (or open) ones.",
        parameters=[ContactMessageQuery],
        responses={200: ContactMessagePage, **EVENT_ERRORS},
        examples=examples.STAFF_MESSAGES,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(ContactMessageQuery, request.query_params)
        event = event_for(request.user, query["event"])
        found = selectors.messages_of(event, handled=query.get("handled"))
        page = paginate(found, page=query["page"], page_size=query["page_size"])
        return Response(page_body(page, selectors.message_data))


class StaffMessageHandledApi(StaffApi):
    @extend_schema(
        summary="Mark a message handled",
        description="Once: marking it again keeps the first time. Audited "
        "(`content.message_handled`).",
        request=None,
        responses={200: ContactMessageAnswer, **ROW_ERRORS},
        examples=examples.STAFF_MESSAGE_HANDLED,
    )
    def post(self, request: SignedInRequest, message_id: int) -> Response:
        message = selectors.message_for_staff(request.user, message_id)
        message = contact_message_handled(message=message, actor=request.user)
        return Response({"ok": True, **selectors.message_data(message)})
