"""Booths for staff: the event's booths with their vendors, assign and unassign."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.core.inputs import validated
from backend.inventory.selectors.events import event_for
from backend.vendors.api import examples, output
from backend.vendors.api.inputs import AssignInput, EventQuery
from backend.vendors.models import Booth
from backend.vendors.selectors import booths_for_staff
from backend.vendors.services.booths import booth_assign, booth_unassign


class StaffBoothOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    zone = serializers.CharField()
    size = serializers.ChoiceField(choices=Booth.Size.choices)
    x = serializers.FloatField()
    y = serializers.FloatField()
    w = serializers.FloatField()
    h = serializers.FloatField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    vendor = serializers.DictField(allow_null=True)
    assigned_at = serializers.DateTimeField(allow_null=True)
    fee = serializers.DictField(allow_null=True, help_text="The fee booking, if it has a price.")


class StaffBoothAnswer(StaffBoothOutput):
    ok = serializers.BooleanField()


BOOTH_ERRORS = {404: OpenApiResponse(description="Not a booth of your events.")}


def _booth_answer(booth: Booth) -> Response:
    booth = booths_for_staff(booth.event).get(pk=booth.pk)
    return Response({"ok": True, **output.staff_booth(booth)})


class StaffBoothListApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="An event's booths and who is in them (staff)",
        parameters=[EventQuery],
        responses={200: StaffBoothOutput(many=True)},
        examples=examples.STAFF_BOOTHS,
    )
    def get(self, request: SignedInRequest) -> Response:
        event = event_for(request.user, validated(EventQuery, request.query_params)["event"])
        return Response([output.staff_booth(booth) for booth in booths_for_staff(event)])


class StaffBoothAssignApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Put a vendor in a booth",
        description=(
            "One vendor per booth and one booth per vendor: when two staff assign the same "
            "booth at the same instant exactly one wins; the other gets 409 `booth_taken` "
            "naming who is in it. 409 `vendor_has_booth`, `vendor_not_approved`. A booth with "
            "a price makes a fee booking for the vendor. Assigning the same vendor again "
            "changes nothing. Audited."
        ),
        request=AssignInput,
        responses={
            200: StaffBoothAnswer,
            **BOOTH_ERRORS,
            409: OpenApiResponse(description="Taken, or the vendor cannot have it."),
        },
        examples=examples.STAFF_ASSIGN,
    )
    def post(self, request: SignedInRequest, booth_id: int) -> Response:
        data = validated(AssignInput, request.data)
        return _booth_answer(
            booth_assign(booth_id=booth_id, vendor_id=data["vendor"], actor=request.user)
        )


class StaffBoothUnassignApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Empty a booth",
        description="An unpaid fee booking is cancelled; a paid one is left for staff to "
        "refund. Emptying an empty booth changes nothing. Audited.",
        request=None,
        responses={200: StaffBoothAnswer, **BOOTH_ERRORS},
        examples=examples.STAFF_BOOTH,
    )
    def post(self, request: SignedInRequest, booth_id: int) -> Response:
        return _booth_answer(booth_unassign(booth_id=booth_id, actor=request.user))
