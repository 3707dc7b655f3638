"""A guest's own booking changes, from My bookings: what the policy allows now (with the
refund a cancellation gives), cancel, and move to another time
(``services/booking_changes``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.bookings.api.output import BookingOutput, booking_data
from backend.bookings.models import Booking
from backend.bookings.policy import terms_of
from backend.bookings.selectors import bookings_of
from backend.core.errors import NotFound
from backend.core.inputs import validated
from backend.tickets.api import booking_change_examples as examples
from backend.tickets.services.booking_changes import (
    REFUSALS,
    booking_change_quote,
    booking_guest_cancel,
    booking_reschedule,
)

if TYPE_CHECKING:
    from backend.accounts.models import User

REFUSED = OpenApiResponse(
    description="In the error shape, the reason as the code: "
    + ", ".join(f"`{code}`" for code in REFUSALS)
    + "; a move also `sold_out` and `reschedule_price_differs`."
)
NOT_YOURS = OpenApiResponse(description="`not_found`: no booking of yours has this id.")


def _own(request: Request, booking_id: str) -> Booking:
    booking = bookings_of(cast("User", request.user)).filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("You have no booking with this id.")
    return booking


class PolicyOutput(serializers.Serializer):
    cancellable = serializers.BooleanField()
    free_cancellation_hours = serializers.IntegerField(
        help_text="A full refund up to this many hours before the start."
    )
    late_refund_percent = serializers.IntegerField(
        help_text="The refund after that, until the start (0: none)."
    )
    reschedulable = serializers.BooleanField()
    reschedule_hours = serializers.IntegerField(
        help_text="Moving is possible up to this many hours before the start."
    )


class CancelQuoteOutput(serializers.Serializer):
    allowed = serializers.BooleanField()
    reason = serializers.CharField(help_text="Empty when allowed; else the refusal's code.")
    message = serializers.CharField()
    refund_percent = serializers.IntegerField()
    refund_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    free_until = serializers.DateTimeField(
        allow_null=True, help_text="The last moment of a full refund."
    )


class RescheduleQuoteOutput(serializers.Serializer):
    allowed = serializers.BooleanField()
    reason = serializers.CharField()
    message = serializers.CharField()
    until = serializers.DateTimeField(allow_null=True, help_text="The last moment to move it.")


class ChangesOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    booking = serializers.UUIDField()
    policy = PolicyOutput()
    cancel = CancelQuoteOutput()
    reschedule = RescheduleQuoteOutput()


def changes_data(booking: Booking) -> dict[str, Any]:
    cancel, reschedule = booking_change_quote(booking=booking)
    return {
        "ok": True,
        "booking": str(booking.pk),
        "policy": terms_of(booking.event_id).as_dict(),
        "cancel": {
            "allowed": cancel.allowed,
            "reason": cancel.reason,
            "message": REFUSALS.get(cancel.reason, ""),
            "refund_percent": cancel.refund_percent,
            "refund_amount": f"{cancel.refund_amount:.2f}",
            "currency": booking.currency,
            "free_until": cancel.free_until,
        },
        "reschedule": {
            "allowed": reschedule.allowed,
            "reason": reschedule.reason,
            "message": REFUSALS.get(reschedule.reason, ""),
            "until": reschedule.until,
        },
    }


class BookingChangesApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="What I may change of my booking now",
        description=(
            "The event's policy, and now: whether the booking may be cancelled and what would "
            "be paid back (the full amount taken up to `free_until`, inclusive, then "
            "`late_refund_percent`, until the start), and whether it may be moved to another "
            "time (until `until`, inclusive). Show it before the guest confirms; the cancel "
            "and reschedule calls decide again at the moment they run."
        ),
        responses={200: ChangesOutput, 404: NOT_YOURS},
        examples=examples.CHANGES,
    )
    def get(self, request: Request, booking_id: str) -> Response:
        return Response(changes_data(_own(request, booking_id)))


class BookingGuestCancelApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Cancel my booking",
        description=(
            "A booking waiting for payment is given up (its places are free again at once). "
            "A confirmed one is cancelled within its event's policy: what the policy gives "
            "back goes back through the payment's provider (the same refund staff make), the "
            "places are free at once, its tickets are void, and the guest is told by SMS and "
            "e-mail. The booking ends `refunded` (`payment_status` `refunded` or "
            "`partially_refunded`) or, with nothing to give back, `cancelled`. 409 with the "
            "reason as the code: `not_cancellable`, `already_started`, `checked_in`, "
            "`already_cancelled`, `not_changeable`."
        ),
        request=None,
        responses={200: BookingOutput, 404: NOT_YOURS, 409: REFUSED},
        examples=examples.CANCEL,
    )
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        _own(request, booking_id)
        booking_guest_cancel(user=request.user, booking_id=booking_id)
        return Response(booking_data(_own(request, booking_id)))


class RescheduleInput(serializers.Serializer):
    starts_at = serializers.DateTimeField(
        help_text="The booking's new start: one of the event's slot starts on the booking's "
        "resource (a meeting's first slot, a stay's check-in, an appointment's hour). Every "
        "slot moves by the same amount."
    )


class BookingRescheduleApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Move my booking to another time",
        description=(
            "Within the event's policy (until `reschedule_hours` before the start), to a time "
            "of the same event at the same price: the new places are taken like any sale "
            "(409 `sold_out`, nothing changed, when one is gone), the old ones are free at "
            "once, the pass is issued again (its old QR code scans `void`) and the guest gets "
            "a new confirmation. A time at another price: 409 `reschedule_price_differs` "
            "(cancel by the policy and book it instead). 400 `validation_error` on "
            "`starts_at` when the event has no such time for this booking."
        ),
        request=RescheduleInput,
        responses={200: BookingOutput, 400: OpenApiResponse(description="validation_error"),
                   404: NOT_YOURS, 409: REFUSED},
        examples=examples.RESCHEDULE,
    )  # fmt: skip
    def post(self, request: SignedInRequest, booking_id: str) -> Response:
        _own(request, booking_id)
        data = validated(RescheduleInput, request.data)
        booking_reschedule(user=request.user, booking_id=booking_id, starts_at=data["starts_at"])
        return Response(booking_data(_own(request, booking_id)))
