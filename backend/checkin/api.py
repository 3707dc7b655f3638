"""Scanning over HTTP: gates of an event, validate, commit, logs and figures."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import ScannerDevice, User
from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.accounts.selectors import devices_visible_to
from backend.checkin import api_examples as examples
from backend.checkin.models import Scan
from backend.checkin.selectors import (
    gate_for_station,
    gates_of_event,
    offline_bundle,
    scan_stats,
    scans_for_staff,
)
from backend.checkin.services.offline import offline_sync
from backend.checkin.services.scans import Station, scan_at_gate, scan_validate
from backend.checkin.services.stations import device_bind_gates
from backend.core.errors import NotFound
from backend.core.fields import (
    QueryIdField,
    StrictCharField,
    StrictIntegerField,
    StrictSlugField,
)
from backend.core.inputs import validated
from backend.core.pagination import PageInput, page_body, paginate
from backend.inventory.models import Event
from backend.realtime.topics import GATE


class IsStation(BasePermission):
    """A scanning device, or a signed-in person (the gate decides if they may scan)."""

    message = "Sign in, or use a scanning station's device token."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.auth, ScannerDevice) or (
            isinstance(request.user, User) and request.user.is_authenticated
        )


def station_of(request: Request) -> Station:
    if isinstance(request.auth, ScannerDevice):
        return Station(device=request.auth)
    user = request.user  # IsStation: otherwise an account
    return Station(user=user if isinstance(user, User) else None)


class ScanInput(serializers.Serializer):
    qr = StrictCharField(max_length=512, trim_whitespace=True)
    gate = StrictIntegerField(min_value=1)
    request_id = StrictCharField(max_length=64, required=False, allow_blank=True, default="")
    direction = serializers.ChoiceField(choices=["in", "out"], default="in")


class ScanOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Scan.Status.choices)
    message = serializers.CharField()
    ticket = serializers.DictField(required=False)
    first_admitted_at = serializers.DateTimeField(required=False)
    first_gate = serializers.DictField(required=False)
    vendor = serializers.DictField(
        required=False, help_text="A setup code's vendor: id, name, booth (its code)."
    )
    crew = serializers.DictField(
        required=False, help_text="A setup code's crew: admitted so far and allowed."
    )
    setup = serializers.DictField(
        required=False, help_text="`outside_setup`: the window, starts_at and ends_at."
    )


STATION_ERRORS = {
    403: OpenApiResponse(description="This station may not scan at this gate."),
    404: OpenApiResponse(description="No such gate."),
}


class ScanCommitOutput(ScanOutput):
    # A committed scan's answer is also what the log keeps: where and when.
    gate = serializers.IntegerField(help_text="The gate's id.")
    scanned_at = serializers.DateTimeField()


class ScanValidateApi(APIView):
    permission_classes = [IsStation]

    @extend_schema(
        summary="What a scan would answer (changes nothing)",
        description="A forged, altered or truncated code is `invalid` before any query.",
        request=ScanInput,
        responses={200: ScanOutput, **STATION_ERRORS},
        examples=examples.SCAN_VALIDATE,
    )
    def post(self, request: Request) -> Response:
        data = validated(ScanInput, request.data)
        station = station_of(request)
        gate = gate_for_station(data["gate"], device=station.device, user=station.user)
        return Response({"ok": True, **scan_validate(qr=data["qr"], gate=gate)})


class ScanCommitApi(APIView):
    permission_classes = [IsStation]

    @extend_schema(
        summary="Scan a ticket at a gate",
        description=(
            "Admits once: of two stations scanning one ticket at the same instant exactly one "
            "gets `admitted`, the other `already_used` with the time and gate of the first "
            "admission. The same `request_id` from the same device returns the first answer. "
            "`direction: out` records an exit at a re-entry gate. Every attempt is logged and "
            "pushed to the `gate:{id}` topic."
        ),
        request=ScanInput,
        responses={200: ScanCommitOutput, **STATION_ERRORS},
        examples=examples.SCAN_COMMIT,
    )
    def post(self, request: Request) -> Response:
        data = validated(ScanInput, request.data)
        answer = scan_at_gate(
            gate_id=data["gate"],
            station=station_of(request),
            qr=data["qr"],
            request_id=data["request_id"],
            direction=data["direction"],
        )
        return Response({"ok": True, **answer})


class GateOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    mode = serializers.CharField()
    load_in = serializers.BooleanField(help_text="Admits vendors' crews (setup codes) only.")
    resources = serializers.ListField(child=serializers.IntegerField())
    topic = serializers.CharField()


class GateListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    gates = GateOutput(many=True)


class EventGatesApi(APIView):
    permission_classes = [IsStation]

    @extend_schema(
        summary="An event's gates (staff and scanners)",
        responses={200: GateListOutput, 404: OpenApiResponse(description="No such event.")},
        examples=examples.EVENT_GATES,
    )  # fmt: skip
    def get(self, request: Request, slug: str) -> Response:
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise NotFound("There is no such event.")
        station = station_of(request)
        gates = gates_of_event(event, device=station.device, user=station.user)
        return Response(
            {
                "ok": True,
                "gates": [
                    {
                        "id": gate.pk,
                        "name": gate.name,
                        "mode": gate.mode,
                        "load_in": gate.load_in,
                        "resources": [r.pk for r in gate.resources.all()],
                        "topic": GATE.name(gate_id=gate.pk),
                    }
                    for gate in gates
                ],
            }
        )


class DeviceGatesInput(serializers.Serializer):
    gates = serializers.ListField(
        child=StrictIntegerField(min_value=1), max_length=100, help_text="Gate ids; [] unbinds."
    )


class DeviceGateOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DeviceGatesOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    device = serializers.IntegerField()
    gates = DeviceGateOutput(many=True)


class DeviceGatesApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Bind a scanning station to gates",
        description=(
            "Replaces the station's gates. A station of one event serves only that event's "
            "gates (400 otherwise); the station's next scan, gate topic and offline bundle "
            "follow at once."
        ),
        request=DeviceGatesInput,
        responses={200: DeviceGatesOutput, 404: OpenApiResponse(description="Not your station.")},
        examples=examples.DEVICE_GATES,
    )
    def put(self, request: SignedInRequest, device_id: int) -> Response:
        data = validated(DeviceGatesInput, request.data)
        device = devices_visible_to(request.user).filter(pk=device_id).first()
        if device is None:
            raise NotFound("No station of your events has this id.")
        gates = device_bind_gates(device=device, gate_ids=data["gates"], actor=request.user)
        return Response(
            {
                "ok": True,
                "device": device.pk,
                "gates": [{"id": gate.pk, "name": gate.name} for gate in gates],
            }
        )


class ScanLogFilter(PageInput):
    event = StrictSlugField(required=False)
    gate = QueryIdField(required=False)
    status = serializers.ChoiceField(choices=Scan.Status.choices, required=False)


class ScanLogOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = serializers.ListField(child=serializers.DictField())


def _scan_row(scan: Scan) -> dict[str, Any]:
    return {
        "id": scan.pk,
        "gate": scan.gate_id,
        "gate_name": scan.gate.name,
        "device": scan.device.label if scan.device else None,
        "ticket": scan.ticket_id,
        "status": scan.status,
        "request_id": scan.request_id,
        "scanned_at": scan.scanned_at,
    }


class ScanLogApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Every scan at the gates of my events",
        parameters=[ScanLogFilter],
        responses={200: ScanLogOutput},
        examples=examples.SCAN_LOG,
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        query = validated(ScanLogFilter, request.query_params)
        scans = scans_for_staff(
            request.user, event=query.get("event"), gate=query.get("gate"),
            status=query.get("status"),
        )  # fmt: skip
        page = paginate(scans, page=query["page"], page_size=query["page_size"])
        return Response(page_body(page, _scan_row))


class StatsInput(serializers.Serializer):
    event = StrictSlugField()


class ScanStatsOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    gates = serializers.ListField(child=serializers.DictField())
    scans_per_minute = serializers.ListField(child=serializers.DictField())


class ScanStatsApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Admissions and rejections per gate, scans per minute",
        parameters=[StatsInput],
        responses={200: ScanStatsOutput},
        examples=examples.SCAN_STATS,
    )
    def get(self, request: Request) -> Response:
        query = validated(StatsInput, request.query_params)
        return Response({"ok": True, **scan_stats(request.user, event=query["event"])})


class BundleOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    gate = serializers.DictField()
    public_keys = serializers.DictField(child=serializers.CharField())
    tickets = serializers.ListField(child=serializers.DictField())
    revoked = serializers.ListField(child=serializers.IntegerField())


class SyncOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    results = serializers.ListField(child=serializers.DictField())


class OfflineBundleApi(APIView):
    permission_classes = [IsStation]

    @extend_schema(
        summary="Everything a station needs to scan this gate offline",
        description=(
            "The public keys (by key id) that verify ticket codes, and every ticket the gate "
            "admits with its version and status, plus the revoked ids. Send `If-None-Match` "
            "with the last ETag: 304 when nothing changed."
        ),
        responses={200: BundleOutput, 304: OpenApiResponse(description="Unchanged.")},
        examples=examples.OFFLINE_BUNDLE,
    )
    def get(self, request: Request, gate_id: int) -> Response:
        station = station_of(request)
        gate = gate_for_station(gate_id, device=station.device, user=station.user)
        bundle, etag = offline_bundle(gate)
        if etag in request.headers.get("If-None-Match", ""):
            return Response(status=304, headers={"ETag": etag})
        return Response({"ok": True, **bundle}, headers={"ETag": etag})


class OfflineScanInput(serializers.Serializer):
    qr = StrictCharField(max_length=512)
    scanned_at = serializers.DateTimeField()
    request_id = StrictCharField(max_length=64, required=False, allow_blank=True, default="")


class SyncInput(serializers.Serializer):
    gate = StrictIntegerField(min_value=1)
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    scans = OfflineScanInput(many=True, allow_empty=False, max_length=1000)  # type: ignore[call-arg]


class SyncApi(APIView):
    permission_classes = [IsStation]

    @extend_schema(
        summary="Upload scans made offline",
        description=(
            "Replayed in time order. For each ticket the earliest admission wins, even one "
            "that arrives later from another station; the others come back as `already_used` "
            "with `conflict: true` and are logged. One answer per scan, in the order sent."
        ),
        request=SyncInput,
        responses={200: SyncOutput},
        examples=examples.SYNC,
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        data = validated(SyncInput, request.data)
        station = station_of(request)
        gate = gate_for_station(data["gate"], device=station.device, user=station.user)
        results = offline_sync(gate=gate, station=station, scans=data["scans"])
        return Response({"ok": True, "results": results})
