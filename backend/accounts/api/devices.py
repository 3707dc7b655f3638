"""Staff manage scanning stations: create (the token is shown once), list, revoke."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.models import Role, ScannerDevice
from backend.accounts.permissions import IsScannerDevice, IsStaff, SignedInRequest
from backend.accounts.roles import EVERY_EVENT, may
from backend.accounts.selectors import devices_visible_to, event_for
from backend.accounts.services.devices import device_create, device_revoke
from backend.core.errors import NotFound, ValidationError
from backend.core.inputs import validated

if TYPE_CHECKING:
    from backend.inventory.models import Event


# DRF takes declared fields off the class: ``label`` does not hide Field.label.
class DeviceInput(serializers.Serializer):
    label = serializers.CharField(max_length=100)  # type: ignore[assignment]
    event = serializers.SlugField(
        required=False, help_text="Slug; required for staff of some events only."
    )


class DeviceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    event = serializers.CharField(allow_null=True)
    token_hint = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_seen_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    gates = serializers.ListField(
        child=serializers.DictField(), help_text="The gates it serves: `{id, name}`."
    )


class DeviceListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    devices = DeviceOutput(many=True)


class DeviceAnswerOutput(DeviceOutput):
    # What an answer about one station carries: {"ok": true, ...the station}.
    ok = serializers.BooleanField()


class DeviceCreatedOutput(DeviceAnswerOutput):
    token = serializers.CharField(help_text="Shown this once; store it in the scanning station.")


def device_data(device: ScannerDevice) -> dict[str, Any]:
    return {
        "id": device.pk,
        "label": device.label,
        "event": device.event.slug if device.event else None,
        "token_hint": device.token_hint,
        "created_at": device.created_at,
        "last_seen_at": device.last_seen_at,
        "revoked_at": device.revoked_at,
        # Gates live in the check-in app, bound with PUT /api/staff/devices/{id}/gates/.
        "gates": [{"id": gate.pk, "name": gate.name} for gate in device.gates.all()],
    }


class DeviceListApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Scanning stations of my events",
        operation_id="staff_devices_list",
        responses={200: DeviceListOutput},
        examples=examples.DEVICE_LIST_GET,
    )
    def get(self, request: SignedInRequest) -> Response:
        return Response(
            {"ok": True, "devices": [device_data(d) for d in devices_visible_to(request.user)]}
        )

    @extend_schema(
        summary="Create a scanning station",
        request=DeviceInput,
        responses={201: DeviceCreatedOutput, 403: OpenApiResponse(description="Not your event.")},
        examples=examples.DEVICE_LIST_POST,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(DeviceInput, request.data)
        slug = data.get("event")
        event: Event | None
        if slug:
            event = event_for(request.user, slug)
        elif may(request.user, Role.STAFF, EVERY_EVENT):
            event = EVERY_EVENT  # a station that serves every event
        else:
            raise ValidationError(fields={"event": ["Name the event this station serves."]})
        device, token = device_create(label=data["label"], event=event, created_by=request.user)
        return Response({"ok": True, **device_data(device), "token": token}, status=201)


class DeviceRevokeApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Revoke a scanning station",
        description="Its token stops working at once.",
        request=None,
        responses={200: DeviceAnswerOutput, 404: OpenApiResponse()},
        examples=examples.DEVICE_REVOKE,
    )
    def post(self, request: SignedInRequest, device_id: int) -> Response:
        device = devices_visible_to(request.user).filter(pk=device_id).first()
        if device is None:
            raise NotFound("No station of your events has this id.")
        revoked = device_revoke(device=device, actor=request.user)
        return Response({"ok": True, **device_data(revoked)})


class DeviceMeApi(APIView):
    permission_classes = [IsScannerDevice]

    @extend_schema(
        summary="Which station am I (for a scanning station's own token)",
        responses={
            200: DeviceAnswerOutput,
            401: OpenApiResponse(description="Bad or revoked token."),
        },
        examples=examples.DEVICE_ME,
    )
    def get(self, request: Request) -> Response:
        # IsScannerDevice let only a station through
        return Response({"ok": True, **device_data(cast("ScannerDevice", request.auth))})
