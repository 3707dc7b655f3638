"""Bookings for their guest: book a hold, list, look; history by phone. Cancelling and
moving one: ``backend.tickets.api.booking_changes``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.phones import InvalidPhone, normalize_phone
from backend.accounts.roles import may_somewhere, where_may
from backend.bookings.api import examples
from backend.bookings.api.output import BookingOutput, booking_data, page_data
from backend.bookings.models import Booking
from backend.bookings.selectors import booking_history_by_phone, bookings_of
from backend.bookings.services.bookings import booking_create
from backend.core.errors import Forbidden, NotFound, ValidationError
from backend.core.fields import StrictUUIDField
from backend.core.inputs import validated
from backend.core.pagination import PageInput, PageOutput, paginate
from backend.inventory.models import Venue

if TYPE_CHECKING:
    from uuid import UUID

    from backend.accounts.models import User


class BookingInput(serializers.Serializer):
    hold = StrictUUIDField()
    guests = serializers.JSONField(required=False, help_text="Resort stays: the party.")
    details = serializers.JSONField(required=False, help_text="Per scenario; see examples.")
    contact_email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text="Where the confirmation e-mail goes (it is texted to the signed-in phone "
        "too); default: the account's verified address. A repair appointment gives its own "
        "in details.",
    )


class BookingPageOutput(PageOutput):
    results = BookingOutput(many=True)


def owned_booking(request: Request, booking_id: UUID | str) -> Booking:
    # Its views let only accounts through (IsSignedInUser).
    booking = bookings_of(cast("User", request.user)).filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("You have no booking with this id.")
    return booking


class BookingListCreateApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Book my hold",
        description=(
            "Turns the caller's live hold into a booking waiting for payment. The amount is "
            "computed here from the slots' prices, quantities and nights; an amount sent by "
            "the client is ignored. Details are checked per kind of event (see examples). "
            "A booking that costs nothing is confirmed at once. 410 `hold_expired`; 409 "
            "`already_booked` when two bookings of one VIP race for the invitation (a VIP who "
            "has booked is refused a hold already, 403); 409 `booking_exists`."
        ),
        request=BookingInput,
        responses={201: BookingOutput, 400: OpenApiResponse(description="validation_error")},
        examples=examples.BOOKING_CREATE,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(BookingInput, request.data)
        booking = booking_create(
            user=request.user,
            hold_id=data["hold"],
            guests=data.get("guests"),
            details=data.get("details"),
            contact_email=data.get("contact_email") or "",
        )
        return Response(booking_data(bookings_of(request.user).get(pk=booking.pk)), status=201)

    @extend_schema(
        summary="My bookings",
        operation_id="bookings_list",
        parameters=[PageInput],
        responses={200: BookingPageOutput},
        examples=examples.BOOKING_LIST,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(PageInput, request.query_params)
        return Response(page_data(paginate(bookings_of(request.user), **query)))


class BookingDetailApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="One of my bookings",
        responses={200: BookingOutput, 404: OpenApiResponse(description="Not yours.")},
        examples=examples.BOOKING_DETAIL,
    )
    def get(self, request: Request, booking_id: str) -> Response:
        return Response(booking_data(owned_booking(request, booking_id)))


class LookupInput(PageInput):
    phone = serializers.CharField(max_length=32)
    event = serializers.SlugField(
        required=False, help_text="Read a number typed without a country code in its venue's."
    )


class BookingLookupApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Booking history of a phone",
        operation_id="bookings_lookup",
        description=(
            "Every booking made by or for this phone (the repair shop's history). Only the "
            "phone's own signed-in owner, or staff, may look."
        ),
        parameters=[LookupInput],
        responses={200: BookingPageOutput, 403: OpenApiResponse(description="forbidden")},
        examples=examples.BOOKING_LOOKUP,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(LookupInput, request.query_params)
        try:
            venue = Venue.objects.filter(events__slug=query.pop("event", None)).first()
            phone = normalize_phone(
                query.pop("phone"), region=venue.phone_region if venue else None
            )
        except InvalidPhone as error:
            raise ValidationError(fields={"phone": [str(error)]}) from None
        history = booking_history_by_phone(phone)
        if phone != request.user.phone:
            if not may_somewhere(request.user, Role.STAFF):
                raise Forbidden("You may only look up your own phone number.")
            history = history.filter(where_may(request.user, Role.STAFF))
        return Response(page_data(paginate(history, **query)))
