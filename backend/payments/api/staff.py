"""Staff taking money matters into their hands: cancel a booking (refunding what was paid if
they say so), confirm one paid in cash at the venue, or confirm one free of charge (a comp).
Same addresses as the rest of a booking's staff actions (``/api/staff/bookings/{id}/...``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.bookings.api.staff import BOOKING_ONLY, staff_booking, staff_booking_answer
from backend.bookings.services.bookings import booking_cancel
from backend.core.inputs import validated
from backend.payments.api import examples
from backend.payments.services.outcomes import refund_booking_payments
from backend.payments.services.payments import booking_comp, booking_mark_paid


class CancelInput(serializers.Serializer):
    refund = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class StaffBookingCancelApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Cancel a booking, optionally refunding it",
        description=(
            "The places are free again at once. With `refund`, every succeeded payment is "
            "refunded through its provider and the booking ends `refunded`."
        ),
        request=CancelInput,
        responses=BOOKING_ONLY,
        examples=examples.STAFF_BOOKING_CANCEL,
    )
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        booking = staff_booking(request, booking_id)
        data = validated(CancelInput, request.data)
        note = data.get("note") or "Cancelled by staff."
        if data["refund"]:
            refund_booking_payments(booking=booking, note=note, actor=request.user)
        else:
            booking_cancel(booking=booking, note=note, actor=request.user)
        return staff_booking_answer(request, booking_id)


class MarkPaidInput(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=["cash", "card"], default="cash", help_text="How it was paid at the venue."
    )


class StaffMarkPaidApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Money taken at the venue (cash or card)",
        description=(
            "A booking waiting for payment is confirmed, paid. A confirmed one with payment "
            "due (`pay_at_venue`, or a service added during the job) has what is due recorded "
            "as paid: `payment_status` becomes `paid`. The body is optional (`method` "
            "defaults to `cash`). 409 `nothing_due` when nothing is owed; 409 "
            "`invalid_transition` for a booking that ended (cancelled, expired, refunded). "
            "Audited."
        ),
        request=MarkPaidInput,
        responses=BOOKING_ONLY,
        examples=examples.STAFF_MARK_PAID,
    )
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        booking = staff_booking(request, booking_id)
        data = validated(MarkPaidInput, request.data)
        booking_mark_paid(booking=booking, actor=request.user, method=data["method"])
        return staff_booking_answer(request, booking_id)


class StaffCompApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Confirm a booking free of charge (comp)",
        request=None,
        responses=BOOKING_ONLY,
        examples=examples.STAFF_COMP,
    )
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        booking_comp(booking=staff_booking(request, booking_id), actor=request.user)
        return staff_booking_answer(request, booking_id)
