"""The vendors API: the public list, applying, the vendor's own portal, and staff decisions.

Visitors see approved vendors; a signed-in user applies and then reads and edits their own
application (``?event=``); an approved vendor (the ``vendor`` role on the event) also gets
the dashboard and the setup code. Staff of the event list applications and decide.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import IsSignedInUser, IsStaff, SignedInRequest
from backend.accounts.roles import require
from backend.core.errors import NotFound
from backend.core.inputs import validated
from backend.core.pagination import PageOutput, page_body, paginate
from backend.core.parsers import JSONParser
from backend.inventory.selectors.events import event_find, event_for
from backend.vendors.api import examples, output
from backend.vendors.api.inputs import EventQuery, ProfileInput, ReasonInput, StaffVendorQuery
from backend.vendors.models import Vendor
from backend.vendors.selectors import (
    vendor_of,
    vendor_scans,
    vendor_settings,
    vendors_for_staff,
    vendors_listed,
)
from backend.vendors.services.applications import vendor_apply, vendor_profile_update
from backend.vendors.services.decisions import vendor_approve, vendor_reject, vendor_revoke
from backend.vendors.services.setup_codes import setup_code_for

PARSERS = [JSONParser, MultiPartParser]
NO_EVENT = OpenApiResponse(description="No such event.")


def _listed_event(slug: str) -> Any:
    event = event_find(slug=slug, listed=True)
    if event is None:
        raise NotFound("There is no such event.")
    return event


def _fields(request: Request, *, partial: bool = False) -> dict[str, Any]:
    data = validated(ProfileInput, request.data, partial=partial)
    if "logo" in request.FILES:
        data["logo"] = request.FILES["logo"]
    return data


class PublicVendorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    category = serializers.ChoiceField(choices=Vendor.Category.choices)
    description = serializers.CharField()
    logo = serializers.CharField(allow_null=True)
    website = serializers.CharField()
    booth = serializers.DictField(allow_null=True)


class ProfileOutput(PublicVendorOutput):
    event = serializers.CharField()
    contact_email = serializers.EmailField()
    contact_phone = serializers.CharField()
    status = serializers.ChoiceField(choices=Vendor.Status.choices)
    reason = serializers.CharField()
    crew_passes = serializers.IntegerField()
    applied_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ProfileAnswer(ProfileOutput):
    ok = serializers.BooleanField()


class EventVendorsApi(APIView):
    parser_classes = PARSERS

    def get_permissions(self) -> list[Any]:
        return [IsSignedInUser()] if self.request.method == "POST" else []

    @extend_schema(
        summary="The festival's vendors (approved ones, with their booth)",
        responses={200: PublicVendorOutput(many=True), 404: NO_EVENT},
        examples=examples.PUBLIC_VENDORS,
    )
    def get(self, request: Request, slug: str) -> Response:
        vendors = vendors_listed(_listed_event(slug))
        return Response([output.public_vendor(vendor) for vendor in vendors])

    @extend_schema(
        summary="Apply to sell at the festival",
        description=(
            "JSON, or multipart with a `logo` image. The application is `pending` until staff "
            "decide; applying again is a 409 `already_applied` unless it was rejected (then it "
            "is the same application, pending again). 404 `no_vendors` for an event that is "
            "not a festival; 409 `applications_closed` once the event stops taking them."
        ),
        request=ProfileInput,
        responses={201: ProfileAnswer, 404: NO_EVENT, 409: OpenApiResponse(description="Applied")},
        examples=examples.APPLY,
    )
    def post(self, request: SignedInRequest, slug: str) -> Response:
        event = _listed_event(slug)
        vendor = vendor_apply(user=request.user, event=event, fields=_fields(request))
        return Response({"ok": True, **output.profile(vendor)}, status=201)


def _own(request: SignedInRequest) -> Vendor:
    query = validated(EventQuery, request.query_params)
    event = event_find(slug=query["event"])
    if event is None:
        raise NotFound("There is no such event.")
    return vendor_of(request.user, event)


class VendorProfileApi(APIView):
    permission_classes = [IsSignedInUser]
    parser_classes = PARSERS

    @extend_schema(
        summary="My vendor application and profile",
        parameters=[EventQuery],
        responses={200: ProfileAnswer, 404: OpenApiResponse(description="Never applied.")},
        examples=examples.PROFILE,
    )
    def get(self, request: SignedInRequest) -> Response:
        return Response({"ok": True, **output.profile(_own(request))})

    @extend_schema(
        summary="Edit my vendor profile",
        description="Any of the application's fields (multipart for a new `logo`). "
        "409 `vendor_revoked` once revoked.",
        parameters=[EventQuery],
        request=ProfileInput,
        responses={200: ProfileAnswer},
        examples=examples.PROFILE_EDIT,
    )
    def patch(self, request: SignedInRequest) -> Response:
        vendor = vendor_profile_update(vendor=_own(request), fields=_fields(request, partial=True))
        return Response({"ok": True, **output.profile(vendor)})


def _approved(request: SignedInRequest) -> Vendor:
    vendor = _own(request)
    require(request.user, Role.VENDOR, vendor.event, "Only an approved vendor has this.")
    return vendor


class DashboardOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    vendor = ProfileOutput()
    booth = serializers.DictField(allow_null=True)
    fee = serializers.DictField(allow_null=True)
    setup = serializers.DictField()
    passes = serializers.DictField()
    recent_scans = serializers.ListField(child=serializers.DictField())


class VendorDashboardApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My vendor dashboard",
        description="The booth and its fee (a booking, paid with `POST /api/bookings/{id}/pay/`), "
        "the setup window, crew passes used and allowed, and the latest scans of the setup "
        "code. Approved vendors only (403 otherwise).",
        parameters=[EventQuery],
        responses={200: DashboardOutput, 403: OpenApiResponse(description="Not approved.")},
        examples=examples.DASHBOARD,
    )
    def get(self, request: SignedInRequest) -> Response:
        vendor = _approved(request)
        return Response(output.dashboard(vendor, vendor_scans(vendor)))


class SetupCodeOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    qr_payload = serializers.CharField(help_text="The exact text the QR code encodes.")
    valid_from = serializers.DateTimeField(allow_null=True)
    valid_until = serializers.DateTimeField(allow_null=True)
    crew_passes = serializers.IntegerField()
    admitted = serializers.IntegerField()


class VendorSetupCodeApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My crew's setup code",
        description="Admits the crew at load-in gates inside the setup window, up to "
        "`crew_passes` people; void once the vendor is revoked. Approved vendors only.",
        parameters=[EventQuery],
        responses={200: SetupCodeOutput, 403: OpenApiResponse(description="Not approved.")},
        examples=examples.SETUP_CODE,
    )
    def get(self, request: SignedInRequest) -> Response:
        code = setup_code_for(_approved(request))
        return Response({"ok": True, **code.__dict__})


class StaffVendorOutput(ProfileOutput):
    user = serializers.DictField()
    crew_admitted = serializers.IntegerField()


class StaffVendorAnswer(StaffVendorOutput):
    ok = serializers.BooleanField()


class StaffVendorPageOutput(PageOutput):
    results = StaffVendorOutput(many=True)


class StaffVendorListApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Vendor applications of an event (staff)",
        parameters=[StaffVendorQuery],
        responses={200: StaffVendorPageOutput},
        examples=examples.STAFF_VENDORS,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(StaffVendorQuery, request.query_params)
        event = event_for(request.user, query["event"])
        vendors = vendors_for_staff(event, query.get("status"))
        page = paginate(vendors, page=query["page"], page_size=query["page_size"])
        settings = vendor_settings(event)
        return Response(page_body(page, lambda vendor: output.staff_vendor(vendor, settings)))


DECISION_ERRORS = {
    404: OpenApiResponse(description="Not a vendor of your events."),
    409: OpenApiResponse(description="Its status does not allow it."),
}


def _decided(vendor: Vendor) -> Response:
    vendor.refresh_from_db()
    return Response({"ok": True, **output.staff_vendor(vendor)})


class StaffVendorApproveApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Approve a vendor",
        description="The applicant becomes a vendor of the event (its portal, setup code and "
        "booth) and is e-mailed. Approving an approved vendor changes nothing. Audited.",
        request=None,
        responses={200: StaffVendorAnswer, **DECISION_ERRORS},
        examples=examples.STAFF_VENDOR,
    )
    def post(self, request: SignedInRequest, vendor_id: int) -> Response:
        return _decided(vendor_approve(vendor_id=vendor_id, actor=request.user))


class StaffVendorRejectApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Reject a vendor's application",
        description="With the reason the applicant is e-mailed; they may apply again. Audited.",
        request=ReasonInput,
        responses={200: StaffVendorAnswer, **DECISION_ERRORS},
        examples=examples.STAFF_VENDOR_REASON,
    )
    def post(self, request: SignedInRequest, vendor_id: int) -> Response:
        data = validated(ReasonInput, request.data)
        vendor = vendor_reject(vendor_id=vendor_id, actor=request.user, reason=data["reason"])
        return _decided(vendor)


class StaffVendorRevokeApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Revoke an approved vendor",
        description="Its setup code is void at once (scans answer `void`), its booth is free "
        "(an unpaid fee cancelled), its vendor role withdrawn, and it is e-mailed the reason. "
        "Audited.",
        request=ReasonInput,
        responses={200: StaffVendorAnswer, **DECISION_ERRORS},
        examples=examples.STAFF_VENDOR_REASON,
    )
    def post(self, request: SignedInRequest, vendor_id: int) -> Response:
        data = validated(ReasonInput, request.data)
        vendor = vendor_revoke(vendor_id=vendor_id, actor=request.user, reason=data["reason"])
        return _decided(vendor)
