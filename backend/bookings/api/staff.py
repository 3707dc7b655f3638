"""Bookings for staff of their events: list, look, move along, figures. Cancelling (with or
without a refund), cash at the venue and comps are payments' (``backend.payments.api.staff``)."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.bookings.api import examples
from backend.bookings.api.bookings import BookingPageOutput
from backend.bookings.api.output import BookingOutput, booking_data, page_data
from backend.bookings.models import Booking
from backend.bookings.selectors import booking_stats, bookings_for_staff
from backend.bookings.services.bookings import booking_set_status
from backend.bookings.services.transitions import STAFF_TARGETS
from backend.bookings.services.workflow import booking_add_service, booking_no_show
from backend.core.errors import NotFound
from backend.core.fields import IdField, StrictSlugField
from backend.core.inputs import validated
from backend.core.pagination import PageInput, paginate


class StaffBookingFilter(PageInput):
    event = StrictSlugField(required=False)
    status = serializers.ChoiceField(choices=Booking.Status.choices, required=False)
    date = serializers.DateField(required=False, help_text="Bookings with a slot that day.")
    search = serializers.CharField(
        max_length=100, required=False, help_text="Name, phone, e-mail or reference."
    )


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=sorted(STAFF_TARGETS))


class StatsOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    by_status = serializers.DictField()
    by_day = serializers.ListField(child=serializers.DictField())
    revenue = serializers.DictField(help_text="Confirmed, in progress and completed, by currency.")
    by_payment_status = serializers.DictField(
        help_text="Per payment status: bookings, amount, paid and refunded (all currencies)."
    )
    by_method = serializers.DictField(
        help_text="Booked revenue (confirmed, in progress, completed, no-show) by how it was "
        "paid: cash, card, stripe, razorpay, comp, free, or pay_at_venue while still due."
    )


def staff_booking(request: SignedInRequest, booking_id: UUID | str) -> Booking:
    booking = bookings_for_staff(request.user).filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("No booking with this id in your events.")
    return booking


def staff_booking_answer(request: SignedInRequest, booking_id: UUID | str) -> Response:
    return Response(booking_data(staff_booking(request, booking_id)))


BOOKING_ONLY = {200: BookingOutput, 404: OpenApiResponse(description="Not in your events.")}


class StaffBookingListApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Bookings of my events",
        operation_id="staff_bookings_list",
        parameters=[StaffBookingFilter],
        responses={200: BookingPageOutput},
        examples=examples.STAFF_BOOKING_LIST,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(StaffBookingFilter, request.query_params)
        bookings = bookings_for_staff(
            request.user,
            event=query.get("event"),
            status=query.get("status"),
            day=query.get("date"),
            search=query.get("search"),
        )
        return Response(
            page_data(paginate(bookings, page=query["page"], page_size=query["page_size"]))
        )


class StaffBookingDetailApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="A booking of my events",
        responses=BOOKING_ONLY,
        examples=examples.STAFF_BOOKING_DETAIL,
    )
    def get(self, request: SignedInRequest, booking_id: str) -> Response:
        return staff_booking_answer(request, booking_id)


class StaffBookingStatusApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Move a booking along (confirmed → in_progress → completed, or cancel)",
        description="Through the one transition table; 409 `invalid_transition` otherwise.",
        request=StatusInput,
        responses=BOOKING_ONLY,
        examples=examples.STAFF_BOOKING_STATUS,
    )
    def patch(self, request: SignedInRequest, booking_id: str) -> Response:
        booking = staff_booking(request, booking_id)
        data = validated(StatusInput, request.data)
        booking_set_status(booking=booking, status=data["status"], actor=request.user)
        return staff_booking_answer(request, booking_id)


class StaffStatsApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Bookings and revenue by status and by day",
        parameters=[StaffBookingFilter],
        responses={200: StatsOutput},
        examples=examples.STAFF_STATS,
    )  # fmt: skip
    def get(self, request: SignedInRequest) -> Response:
        query = validated(StaffBookingFilter, request.query_params)
        return Response({"ok": True, **booking_stats(request.user, event=query.get("event"))})


class StaffNoShowApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="The customer did not come: the booking ends no_show",
        description=(
            "From `confirmed` only (409 `invalid_transition` otherwise), for appointments, "
            "rooms and stays (409 `no_show_not_recorded` at a festival or a VIP evening, "
            "whose gates count who came). Nothing is refunded; what is owed stays recorded "
            "(`payment_status` is kept). Audited."
        ),
        request=None,
        responses=BOOKING_ONLY,
        examples=examples.STAFF_NO_SHOW,
    )
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        booking_no_show(booking=staff_booking(request, booking_id), actor=request.user)
        return staff_booking_answer(request, booking_id)


class AddServiceInput(serializers.Serializer):
    service = IdField(help_text="A catalog service offered for the booking's vehicle model.")


class StaffAddServiceApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Add a service found during the job",
        description=(
            "A service appointment that is `confirmed` or `in_progress` (409 "
            "`invalid_transition` otherwise) gains an `added_service` line at its vehicle "
            "model's price; its amount grows by it and `payment_status` becomes `due` (the "
            "difference is paid at the shop: mark-paid). 400 naming `service` when the "
            "service is not offered for the vehicle. Audited."
        ),
        request=AddServiceInput,
        responses=BOOKING_ONLY,
        examples=examples.STAFF_ADD_SERVICE,
    )
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        booking = staff_booking(request, booking_id)
        data = validated(AddServiceInput, request.data)
        booking_add_service(booking=booking, service_id=data["service"], actor=request.user)
        return staff_booking_answer(request, booking_id)
