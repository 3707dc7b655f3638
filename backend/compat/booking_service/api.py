"""``/compat/booking-service/``: the Booking Service API (reference/time-slot-rooms.md).

Thin views over the native services: e-mail registration and password sign-in, JWT access
tokens in the body and the refresh token in an HttpOnly cookie (SameSite=Lax, on this
system's paths only), rooms with their hours, bookings of consecutive slots, Stripe
PaymentIntents and Stripe's webhook. Errors keep the native shape (the README documents
none). Signed-in endpoints take ``Authorization: Bearer <access>``; no session
authentication, so no CSRF (the cookie's SameSite keeps other sites' forms out, as the
README says).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.common import client_ip, request_session, user_agent
from backend.accounts.authentication import SessionJWTAuthentication
from backend.accounts.models import AuthSession, Role, User
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.roles import may_somewhere
from backend.accounts.services import registration, sessions, users
from backend.bookings.api.bookings import owned_booking
from backend.bookings.models import Booking
from backend.bookings.selectors import bookings_for_staff, bookings_of
from backend.bookings.services.bookings import bookings_expire
from backend.compat.booking_service import services
from backend.core.errors import Forbidden, NotAuthenticated, ServiceUnavailable, ValidationError
from backend.core.fields import StrictCharField, StrictIntegerField
from backend.core.inputs import validated
from backend.core.pagination import paginate
from backend.inventory.models import Event
from backend.inventory.selectors.pictures import resources_shown
from backend.payments.models import Payment
from backend.payments.providers import configured_providers
from backend.payments.services.payments import payment_start

COOKIE = "refresh_token"
COOKIE_PATH = "/compat/booking-service/api/"
DATE_FORMATS = ["%Y-%m-%d"]
TIME_FORMATS = ["%H:%M:%S", "%H:%M"]

# Native status → the README's (pending/confirmed/expired/cancelled/completed).
STATUS: dict[str, str] = {
    Booking.Status.PENDING_PAYMENT: "pending",
    Booking.Status.CONFIRMED: "confirmed",
    Booking.Status.IN_PROGRESS: "confirmed",
    Booking.Status.COMPLETED: "completed",
    Booking.Status.NO_SHOW: "completed",
    Booking.Status.CANCELLED: "cancelled",
    Booking.Status.REFUNDED: "cancelled",
    Booking.Status.EXPIRED: "expired",
}
# The latest payment attempt → the README's payment_status (pending/processing/succeeded/failed).
PAYMENT_STATUS: dict[str, str] = {
    Payment.Status.CREATED: "processing",
    Payment.Status.SUCCEEDED: "succeeded",
    Payment.Status.FAILED: "failed",
    Payment.Status.CANCELED: "failed",
    Payment.Status.REFUNDED: "refunded",
}
# A payment → what its Stripe PaymentIntent says of itself.
INTENT_STATUS: dict[str, str] = {
    Payment.Status.CREATED: "requires_payment_method",
    Payment.Status.FAILED: "requires_payment_method",
    Payment.Status.SUCCEEDED: "succeeded",
    Payment.Status.CANCELED: "canceled",
    Payment.Status.REFUNDED: "succeeded",
}


class PublicApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class SignedInApi(APIView):
    authentication_classes = [SessionJWTAuthentication]
    permission_classes = [IsSignedInUser]


def _money(value: Decimal) -> float:
    """The README writes amounts as JSON numbers (``100.00``)."""
    return float(value)


def _set_cookie(request: Request, response: Response, refresh: str) -> Response:
    response.set_cookie(
        COOKIE,
        refresh,
        max_age=int(settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds()),
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _clear_cookie(response: Response) -> Response:
    response.delete_cookie(COOKIE, path=COOKIE_PATH, samesite="Lax")
    return response


def _is_staff(user: User) -> bool:
    return may_somewhere(user, Role.STAFF)


# Authentication


class RegisterInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = StrictCharField(max_length=256, trim_whitespace=False)
    confirm_password = StrictCharField(max_length=256, trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["password"] != attrs["confirm_password"]:
            raise serializers.ValidationError({"confirm_password": ["Passwords do not match."]})
        return attrs


class RegisterApi(PublicApi):
    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        data = validated(RegisterInput, request.data)
        registration.register(email=data["email"], password=data["password"], ip=client_ip(request))
        # The native rule: the answer never tells a new address from one that has an account
        # (the owner of a taken one gets an e-mail instead), so no id is given here.
        return Response({"message": "Registration successful", "user_id": None}, status=201)


class LoginInput(serializers.Serializer):
    email = serializers.EmailField()
    password = StrictCharField(max_length=256, trim_whitespace=False)


class LoginApi(PublicApi):
    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        data = validated(LoginInput, request.data)
        user = users.password_login(
            request=request._request,
            email=data["email"],
            password=data["password"],
            ip=client_ip(request),
        )
        pair = request_session(request, user, AuthSession.Method.PASSWORD)
        answer = Response(
            {
                "message": "Login successful",
                "user_id": user.pk,
                "email": user.email,
                "is_staff": _is_staff(user),
                "is_superuser": user.is_superuser,
                "access": pair.access,
            }
        )
        return _set_cookie(request, answer, pair.refresh)


class RefreshCookieApi(PublicApi):
    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        raw = request.COOKIES.get(COOKIE)
        if not raw:
            raise NotAuthenticated("No refresh token cookie; sign in again.")
        try:
            pair = sessions.session_refresh(
                raw_refresh=raw, user_agent=user_agent(request), ip=client_ip(request)
            )
        except sessions.InvalidRefreshToken:
            return _clear_cookie(Response(sessions.InvalidRefreshToken().body(), status=401))
        answer = Response({"access": pair.access, "message": "Token refreshed successfully"})
        return _set_cookie(request, answer, pair.refresh)  # rotated: the old one is spent


class LogoutApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        raw = request.COOKIES.get(COOKIE)
        if raw:
            sessions.session_revoke_refresh(raw_refresh=raw)
        sid = request.auth.get(sessions.SID_CLAIM) if hasattr(request.auth, "get") else None
        if sid:
            sessions.session_revoke_by_id(sid=sid)
        return _clear_cookie(Response({"message": "Logout successful"}))


# Rooms and bookings


class RoomsApi(SignedInApi):
    @extend_schema(exclude=True)
    def get(self, request: SignedInRequest) -> Response:
        rooms = list(services.rooms_listed())
        hours = services.room_hours(rooms, timezone.now())
        shown = resources_shown(room.pk for room in rooms)
        return Response(
            {
                "count": len(rooms),
                "rooms": [
                    {
                        "id": room.pk,
                        "name": room.name,
                        "description": room.description,
                        "price_per_slot": _money(room.price),
                        "capacity": room.guest_capacity,
                        "amenities": [a.label for a in shown[room.pk].amenities],
                        "is_available": hours[room.pk].available,
                        "slot_duration_minutes": hours[room.pk].slot_minutes,
                        "opening_time": _clock(hours[room.pk].opens),
                        "closing_time": _clock(hours[room.pk].closes),
                        "currency": room.event.currency,
                    }
                    for room in rooms
                ],
            }
        )


def _clock(value: Any) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


def booking_data(booking: Booking) -> dict[str, Any]:
    """A booking in the README's shape (its items and payments prefetched or not)."""
    items = sorted(booking.items.all(), key=lambda item: item.slot.starts_at)
    zone = ZoneInfo(booking.event.venue.time_zone)
    first, last = (items[0].slot, items[-1].slot) if items else (None, None)
    payments = sorted(booking.payments.all(), key=lambda p: (p.updated_at, p.created_at))
    paid = booking.payment_status == Booking.PaymentStatus.PAID
    payment_status = (
        "succeeded"
        if paid
        else PAYMENT_STATUS.get(payments[-1].status, "pending")
        if payments
        else "pending"
    )
    hold = booking.hold
    return {
        "id": str(booking.pk),
        "user_id": booking.user_id,
        "user_name": booking.user.name or booking.user.email or "",
        "user_email": booking.user.email or "",
        "room_id": first.resource_id if first else None,
        "room_name": first.resource.name if first else "",
        "booking_date": first.starts_at.astimezone(zone).date().isoformat() if first else None,
        "start_time": _clock(first.starts_at.astimezone(zone).time()) if first else None,
        "end_time": _clock(last.ends_at.astimezone(zone).time()) if last else None,
        "guest_count": booking.details.get("guest_count"),
        "special_requests": booking.details.get("special_requests", ""),
        "total_amount": _money(booking.amount),
        "currency": booking.currency,
        "number_of_slots": len(items),
        "status": STATUS.get(booking.status, booking.status),
        "payment_status": payment_status,
        "hold_expires_at": (
            hold.expires_at.isoformat().replace("+00:00", "Z") if hold is not None else None
        ),
    }


class BookingInput(serializers.Serializer):
    user_id = serializers.IntegerField(required=False, allow_null=True)
    room_id = StrictIntegerField(min_value=1)
    booking_date = serializers.DateField(input_formats=DATE_FORMATS)
    start_time = serializers.TimeField(input_formats=TIME_FORMATS)
    end_time = serializers.TimeField(input_formats=TIME_FORMATS)
    guest_count = StrictIntegerField(min_value=1, max_value=1000, default=1)
    special_requests = StrictCharField(max_length=1000, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end_time"] <= attrs["start_time"]:
            raise serializers.ValidationError({"end_time": ["End time must be after start."]})
        return attrs


class BookingsApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        data = validated(BookingInput, request.data)
        # ``user_id`` is read and ignored: a booking is always the caller's own.
        booking = services.booking_make(
            user=request.user,
            room_id=data["room_id"],
            day=data["booking_date"],
            start=data["start_time"],
            end=data["end_time"],
            guest_count=data["guest_count"],
            special_requests=data.get("special_requests", ""),
        )
        return Response(booking_data(_mine(request, str(booking.pk))), status=201)


def _mine(request: Request, booking_id: str) -> Booking:
    owned_booking(request, booking_id)  # 404 unless the caller's
    user = request.user
    assert isinstance(user, User)
    return (
        bookings_of(user)
        .prefetch_related("payments")
        .select_related("user", "hold")
        .get(pk=booking_id)
    )


class BookingDetailApi(SignedInApi):
    @extend_schema(exclude=True)
    def get(self, request: SignedInRequest, booking_id: str) -> Response:
        return Response(booking_data(_mine(request, booking_id)))


class AllBookingsQuery(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=500, default=100)


class AllBookingsApi(SignedInApi):
    @extend_schema(exclude=True)
    def get(self, request: SignedInRequest) -> Response:
        if not _is_staff(request.user):
            raise Forbidden("Staff only.")
        query = validated(AllBookingsQuery, request.query_params)
        bookings = (
            bookings_for_staff(request.user)
            .filter(event__kind=Event.Kind.ROOMS)
            .select_related("hold")
            .prefetch_related("payments")
        )
        page = paginate(bookings, page=query["page"], page_size=query["page_size"])
        return Response(
            {
                "count": page.count,
                "page": page.page,
                "pages": page.pages,
                "bookings": [booking_data(booking) for booking in page.items],
            }
        )


class PaymentIntentInput(serializers.Serializer):
    booking_id = serializers.UUIDField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    currency = serializers.CharField(max_length=3, required=False)


class PaymentIntentApi(SignedInApi):
    @extend_schema(exclude=True)
    def post(self, request: SignedInRequest) -> Response:
        data = validated(PaymentIntentInput, request.data)
        booking = owned_booking(request, data["booking_id"])
        # The amount is the booking's, computed by the server; one that differs is refused
        # rather than charged.
        if "amount" in data and data["amount"] != booking.amount:
            raise ValidationError(fields={"amount": [f"This booking costs {booking.amount:.2f}."]})
        if "currency" in data and data["currency"].upper() != booking.currency.upper():
            raise ValidationError(
                fields={"currency": [f"This booking is paid in {booking.currency.lower()}."]}
            )
        if "stripe" not in configured_providers():
            raise ServiceUnavailable("Card payments are not available now.", code="no_provider")
        payment, checkout = payment_start(booking=booking, provider="stripe")
        return Response(
            {
                "payment_intent_id": payment.reference,
                "client_secret": checkout.client["client_secret"],
                "publishable_key": checkout.client.get("publishable_key", ""),
                "amount": _money(payment.amount),
                "currency": payment.currency.lower(),
                "status": INTENT_STATUS.get(payment.status, "requires_payment_method"),
                "booking_id": str(booking.pk),
            }
        )


class StripeWebhookApi(PublicApi):
    """Stripe's webhook (``Stripe-Signature``): not for clients."""

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        headers = {name.lower(): value for name, value in request.headers.items()}
        services.stripe_callback(body=request.body, headers=headers)
        return Response({"received": True})


class CleanupApi(PublicApi):
    """The README's cron hook: expires what is due now (the native sweeper does it anyway)."""

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        expired = bookings_expire(now=timezone.now())
        return Response({"message": "Expired bookings cleaned up", "expired": expired})
