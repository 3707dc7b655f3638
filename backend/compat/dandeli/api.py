"""``/compat/dandeli/``: the Dandeli Vintage Resorts API (reference/resort-stays.md).

Thin views: each parses the README's fields, calls the native service and answers in the
README's shape. Errors keep the native shape (the README documents none), naming the
README's fields. Signed-in endpoints take ``Authorization: Bearer <access>`` (the access
token the OTP verification gave); no session cookie, so no CSRF.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.common import client_ip, set_refresh_cookie, signed_in_response
from backend.accounts.authentication import SessionJWTAuthentication
from backend.accounts.models import AuthSession, User
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.phones import InvalidPhone, normalize_mobile
from backend.accounts.selectors import otp_request_latest
from backend.accounts.services import otp
from backend.accounts.services.users import user_update_profile
from backend.compat.dandeli import services
from backend.compat.dandeli.services import renamed_fields
from backend.core.errors import ValidationError
from backend.core.fields import StrictCharField, StrictIntegerField, StrictUUIDField
from backend.core.inputs import validated
from backend.inventory.api.pictures import PictureOutput
from backend.inventory.api.stays import StaySearchInput
from backend.inventory.selectors.pictures import resources_shown
from backend.inventory.selectors.stays import MAX_GUESTS, MAX_NIGHTS, stays_search

# The resorts are in India: a number typed without a country code is Indian.
PHONE_REGION = "IN"
DATE_FORMATS = ["%Y-%m-%d"]


class PublicApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class SignedInApi(APIView):
    authentication_classes = [SessionJWTAuthentication]
    permission_classes = [IsSignedInUser]


def _e164(raw: object) -> str:
    try:
        return normalize_mobile(raw, region=PHONE_REGION)
    except InvalidPhone as error:
        raise ValidationError(fields={"phone_number": [str(error)]}) from None


def _money(value: Decimal) -> float:
    """The README writes amounts as JSON numbers (``75000.00``)."""
    return float(value)


# Authentication


class OtpRequestInput(serializers.Serializer):
    phone_number = StrictCharField(max_length=64)


class OtpRequestApi(PublicApi):
    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        data = validated(OtpRequestInput, request.data)
        with renamed_fields({"phone": "phone_number"}):
            sent = otp.otp_request(phone=_e164(data["phone_number"]), ip=client_ip(request))
        return Response(
            {
                "message": "OTP sent successfully.",
                "expires_in": sent.expires_in,
                "resend_in": sent.resend_in,
            }
        )


class OtpVerifyInput(serializers.Serializer):
    phone_number = StrictCharField(max_length=64)
    otp = StrictCharField(max_length=16)


class OtpVerifyApi(PublicApi):
    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        data = validated(OtpVerifyInput, request.data)
        phone = _e164(data["phone_number"])
        asked = otp_request_latest(phone=phone)
        if asked is None:
            raise ValidationError(fields={"otp": ["No OTP was requested for this phone number."]})
        with renamed_fields({"phone": "phone_number", "code": "otp"}):
            user = otp.otp_verify(
                phone=phone, request_id=asked.pk, code=data["otp"], ip=client_ip(request)
            )
        native = signed_in_response(request, user, AuthSession.Method.OTP)
        assert isinstance(native.data, dict)
        answer = Response(
            {
                "message": "OTP verified successfully.",
                "access": native.data["access"],
                "refresh": native.data["refresh"],
                "is_new_user": native.data["first_sign_in"],
                "user": _user(user),
            }
        )
        return set_refresh_cookie(answer, native.data["refresh"])  # as natively


def _user(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "phone_number": user.phone,
        "name": user.name,
        "email": user.email,
        "date_of_birth": user.date_of_birth,
        "gender": user.gender.capitalize() if user.gender else "",
    }


# Profile


class GenderField(serializers.ChoiceField):
    """``Male``/``Female``/``Other`` as the README writes them; any case."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=User.Gender.choices, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(data.lower() if isinstance(data, str) else data)


class ProfileInput(serializers.Serializer):
    name = StrictCharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_null=True, allow_blank=True)
    date_of_birth = serializers.DateField(
        required=False, allow_null=True, input_formats=DATE_FORMATS
    )
    gender = GenderField(required=False, allow_blank=True)


class ProfileUpdateApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        data = validated(ProfileInput, request.data)
        user = user_update_profile(user=request.user, data=data)
        return Response({"message": "Profile updated successfully.", "user": _user(user)})


# Booking flow


class SearchInput(serializers.Serializer):
    location = serializers.CharField(max_length=100)
    check_in_date = serializers.CharField(max_length=32)
    check_out_date = serializers.CharField(max_length=32)
    guests = serializers.CharField(max_length=8, required=False)


class RoomSearchApi(PublicApi):
    """Public, as the native search is (a token sent along is ignored)."""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        now = timezone.now()
        raw = validated(SearchInput, request.query_params)
        native = {
            "location": raw["location"],
            "check_in": raw["check_in_date"],
            "check_out": raw["check_out_date"],
            **({"guests": raw["guests"]} if "guests" in raw else {}),
        }
        with renamed_fields({"check_in": "check_in_date", "check_out": "check_out_date"}):
            query = validated(StaySearchInput, native, context={"today": timezone.localdate(now)})
        found = stays_search(
            location=query["location"],
            check_in=query["check_in"],
            check_out=query["check_out"],
            guests=query["guests"],
            now=now,
        )
        shown = resources_shown(room.id for venue in found for room in venue.rooms)
        return Response(
            [
                {
                    "resort_id": venue.id,
                    "resort_name": venue.name,
                    "location": venue.city,
                    "address": venue.address,
                    "currency": venue.currency,
                    "available_rooms": [
                        {
                            "id": room.id,
                            "room_number": room.name,
                            "capacity": room.guest_capacity,
                            "price_per_night": f"{room.nights[0].price:.2f}",
                            "total_price": f"{room.total:.2f}",
                            "images": [
                                {"image": picture["url"]}
                                for picture in PictureOutput(shown[room.id].images, many=True).data
                            ],
                        }
                        for room in venue.rooms
                    ],
                }
                for venue in found
            ]
        )


class SelectRoomsInput(serializers.Serializer):
    resort_id = StrictIntegerField(min_value=1)
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    room_ids = serializers.ListField(
        child=StrictIntegerField(min_value=1), allow_empty=False, max_length=20
    )
    check_in_date = serializers.DateField(input_formats=DATE_FORMATS)
    check_out_date = serializers.DateField(input_formats=DATE_FORMATS)
    guests = StrictIntegerField(min_value=1, max_value=MAX_GUESTS)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        nights = (attrs["check_out_date"] - attrs["check_in_date"]).days
        if nights < 1:
            raise serializers.ValidationError(
                {"check_out_date": ["Check-out must be after check-in."]}
            )
        if nights > MAX_NIGHTS:
            raise serializers.ValidationError(
                {"check_out_date": [f"A stay is at most {MAX_NIGHTS} nights."]}
            )
        return attrs


class SelectRoomsApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        data = validated(SelectRoomsInput, request.data)
        hold = services.attempt_create(
            user=request.user,
            resort_id=data["resort_id"],
            room_ids=data["room_ids"],
            check_in=data["check_in_date"],
            check_out=data["check_out_date"],
            guests=data["guests"],
            now=timezone.now(),
        )
        return Response(
            {
                "message": "Rooms selected successfully. Proceed to add guest details.",
                "booking_attempt_id": str(hold.pk),
                "expires_at": hold.expires_at,
            },
            status=201,
        )


class GuestInput(serializers.Serializer):
    room_id = StrictIntegerField(min_value=1)
    name = StrictCharField(max_length=150)
    age = StrictIntegerField(min_value=0, max_value=120)


class AddGuestsInput(serializers.Serializer):
    booking_attempt_id = StrictUUIDField()
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    guests = GuestInput(many=True, allow_empty=False, max_length=100)  # type: ignore[call-arg]


class AddGuestsApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        data = validated(AddGuestsInput, request.data)
        booking = services.attempt_add_guests(
            user=request.user, attempt_id=data["booking_attempt_id"], guests=data["guests"]
        )
        return Response(
            {
                "message": "Guest details added successfully.",
                "booking_attempt_id": str(data["booking_attempt_id"]),
                "total_amount": _money(booking.amount),
                "currency": booking.currency,
            }
        )


class AttemptInput(serializers.Serializer):
    booking_attempt_id = StrictUUIDField()


class InitiatePaymentApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        data = validated(AttemptInput, request.data)
        payment, client = services.attempt_pay(
            user=request.user, attempt_id=data["booking_attempt_id"]
        )
        return Response(
            {
                "message": "Payment initiated.",
                "payment_id": str(payment.pk),
                "razorpay_order_id": client["order_id"],
                "razorpay_key": client["key_id"],
                "amount": _money(payment.amount),
                "currency": payment.currency,
            }
        )


class PaymentCallbackApi(PublicApi):
    """Razorpay's webhook (``X-Razorpay-Signature``): not for clients."""

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        headers = {name.lower(): value for name, value in request.headers.items()}
        services.payment_callback(body=request.body, headers=headers)
        return Response({"received": True})
