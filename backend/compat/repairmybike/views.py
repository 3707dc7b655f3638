"""RepairMyBike's API (reference/repair-shop.md) over the native services: phone sign-in
and sessions, the catalog and prices by vehicle, the shop's page, anonymous appointments
paid in cash at the shop, history by phone, and the staff API with ``X-API-Key``."""

from __future__ import annotations

import uuid
from typing import Any

from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.api.common import client_ip, request_session
from backend.accounts.authentication import SessionJWTAuthentication
from backend.accounts.models import AuthSession, StaffApiKey, User
from backend.accounts.selectors import live_sessions, otp_request_latest
from backend.accounts.services import otp, registration, sessions, users
from backend.accounts.services.api_keys import api_key_reaches, api_key_use
from backend.bookings.models import Booking
from backend.bookings.selectors import (
    booking_history_by_phone,
    booking_stats,
    bookings_for_staff,
)
from backend.bookings.services.bookings import booking_set_status
from backend.catalog import selectors as catalog
from backend.compat.repairmybike.common import (
    STATUS_NAMES,
    RepairApi,
    booking_body,
    query_id,
    shop_event,
)
from backend.compat.repairmybike.services import appointment_book, customer_phone
from backend.core import ratelimit
from backend.core.errors import NotAuthenticated, NotFound, ValidationError
from backend.core.fields import StrictCharField, StrictIntegerField
from backend.core.inputs import validated
from backend.core.ratelimit import Limit, address_key
from backend.inventory.selectors.venues import venue_page

# --- phone sign-in and sessions ------------------------------------------------------------


class PhoneInput(serializers.Serializer):
    phone_number = StrictCharField(max_length=32)


class PhoneCodeInput(PhoneInput):
    otp_code = StrictCharField(max_length=16)


def profile_body(user: User, request: Request) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone_number": user.phone,
        "profile_picture": request.build_absolute_uri(user.picture.url) if user.picture else None,
        "is_verified": user.phone_verified,
    }


class RequestOtpApi(RepairApi):
    def post(self, request: Request) -> Response:
        data = validated(PhoneInput, request.data)
        event = shop_event()
        phone = customer_phone(event, data["phone_number"], "phone_number")
        sent = otp.otp_request(phone=phone, event_slug=event.slug, ip=client_ip(request))
        return Response(
            {
                "success": True,
                "message": "OTP sent successfully.",
                "phone_number": phone,
                "expires_in": sent.expires_in,
                "resend_in": sent.resend_in,
            }
        )


class VerifyOtpApi(RepairApi):
    """Verify the phone's latest code and sign in (``phone/login/`` is the same)."""

    def post(self, request: Request) -> Response:
        data = validated(PhoneCodeInput, request.data)
        phone = customer_phone(shop_event(), data["phone_number"], "phone_number")
        latest = otp_request_latest(phone=phone)
        if latest is None:
            raise ValidationError(fields={"otp_code": ["Request an OTP for this number first."]})
        user = otp.otp_verify(
            phone=phone, request_id=latest.pk, code=data["otp_code"], ip=client_ip(request)
        )
        pair = request_session(request, user, AuthSession.Method.OTP)
        return Response(
            {
                "success": True,
                "message": "Login successful.",
                "session_token": pair.access,
                "refresh_token": pair.refresh,
                "user": profile_body(user, request),
            }
        )


class SignedInApi(RepairApi):
    authentication_classes = [SessionJWTAuthentication]
    permission_classes = [IsAuthenticated]

    def user(self, request: Request) -> User:
        user = request.user
        if not isinstance(user, User):
            raise NotAuthenticated()
        return user


class VerificationStatusApi(SignedInApi):
    def get(self, request: Request) -> Response:
        user = self.user(request)
        return Response({"phone_number": user.phone, "is_verified": user.phone_verified})


class ProfileInput(serializers.Serializer):
    first_name = serializers.CharField(max_length=75, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=75, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_null=True, allow_blank=True)


class ProfileApi(SignedInApi):
    def get(self, request: Request) -> Response:
        return Response(profile_body(self.user(request), request))

    def patch(self, request: Request) -> Response:
        data = validated(ProfileInput, request.data, partial=True)
        user = users.user_update_profile(user=self.user(request), data=dict(data))
        return Response(profile_body(user, request))


def _current_sid(request: Request) -> str | None:
    return request.auth.get(sessions.SID_CLAIM) if hasattr(request.auth, "get") else None


class SessionListApi(SignedInApi):
    def get(self, request: Request) -> Response:
        current = _current_sid(request)
        return Response(
            [
                {
                    "id": str(s.id),
                    "user_agent": s.user_agent,
                    "ip_address": s.ip,
                    "created_at": s.created_at.isoformat(),
                    "last_used_at": s.last_used_at.isoformat() if s.last_used_at else None,
                    "expires_at": s.expires_at.isoformat() if s.expires_at else None,
                    "is_active": True,
                    "is_current": str(s.id) == current,
                }
                for s in live_sessions(self.user(request))
            ]
        )


class SessionRevokeApi(SignedInApi):
    def post(self, request: Request, session_id: str) -> Response:
        try:
            session = live_sessions(self.user(request)).filter(id=session_id).first()
        except Exception:  # not a UUID
            session = None
        if session is None:
            raise NotFound("Session not found.")
        sessions.session_revoke(session=session)
        return Response({"success": True, "message": "Session revoked."})


class LogoutApi(SignedInApi):
    def post(self, request: Request) -> Response:
        sid = _current_sid(request)
        if sid:
            sessions.session_revoke_by_id(sid=sid)
        return Response({"success": True, "message": "Logged out successfully."})


class RegisterInput(serializers.Serializer):
    email = serializers.EmailField()
    password = StrictCharField(max_length=256, trim_whitespace=False)
    first_name = StrictCharField(max_length=75, required=False, allow_blank=True)
    last_name = StrictCharField(max_length=75, required=False, allow_blank=True)
    phone_number = StrictCharField(max_length=32, required=False, allow_blank=True)


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    fields = {names.get(k, k): v for k, v in (error.fields or {}).items()}
    return ValidationError(error.message, fields=fields or None)


class RegisterApi(RepairApi):
    """Sign-up by e-mail (the native registration: a link proves the address; the answer
    never says whether the address had an account)."""

    def post(self, request: Request) -> Response:
        data = validated(RegisterInput, request.data)
        try:
            registration.register(
                email=data["email"],
                password=data["password"],
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                phone=data.get("phone_number") or None,
                ip=client_ip(request),
            )
        except ValidationError as error:
            raise _renamed(error, {"phone": "phone_number"}) from None
        return Response(
            {
                "success": True,
                "message": "Registration received: open the link we e-mailed to verify it.",
                "email": data["email"].lower(),
            },
            status=201,
        )


class LoginInput(serializers.Serializer):
    email = serializers.EmailField()
    password = StrictCharField(max_length=256, trim_whitespace=False)


class LoginApi(RepairApi):
    def post(self, request: Request) -> Response:
        data = validated(LoginInput, request.data)
        user = users.password_login(
            request=request._request,
            email=data["email"],
            password=data["password"],
            ip=client_ip(request),
        )
        pair = request_session(request, user, AuthSession.Method.PASSWORD)
        return Response(
            {
                "success": True,
                "message": "Login successful.",
                "session_token": pair.access,
                "refresh_token": pair.refresh,
                "user": profile_body(user, request),
            }
        )


class PasswordResetInput(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetApi(RepairApi):
    def post(self, request: Request) -> Response:
        data = validated(PasswordResetInput, request.data)
        users.password_reset_request(email=data["email"], ip=client_ip(request))
        return Response(
            {"success": True, "message": "If the address has an account, a link is on its way."}
        )


class PasswordResetConfirmInput(serializers.Serializer):
    uid = StrictCharField(max_length=64)
    token = StrictCharField(max_length=128)
    new_password = StrictCharField(max_length=256, trim_whitespace=False)


class PasswordResetConfirmApi(RepairApi):
    def post(self, request: Request) -> Response:
        data = validated(PasswordResetConfirmInput, request.data)
        users.password_reset_confirm(
            uid=data["uid"], token=data["token"], new_password=data["new_password"]
        )
        return Response({"success": True, "message": "Your password was changed."})


# --- catalog and shop -----------------------------------------------------------------------


class VehicleTypesApi(RepairApi):
    def get(self, request: Request) -> Response:
        return Response(list(catalog.vehicle_types(event=shop_event())))


class VehicleBrandsApi(RepairApi):
    def get(self, request: Request) -> Response:
        type_id = query_id(request, "vehicle_type")
        rows = catalog.vehicle_brands(event=shop_event(), vehicle_type_id=type_id)
        return Response(list(rows))


class VehicleModelsApi(RepairApi):
    def get(self, request: Request) -> Response:
        brand_id = query_id(request, "vehicle_brand")
        rows = catalog.vehicle_models(event=shop_event(), vehicle_brand_id=brand_id)
        return Response(
            [
                {
                    "id": row["id"],
                    "name": row["name"],
                    "vehicle_brand": row["brand"],
                    "vehicle_type": row["vehicle_type"],
                }
                for row in rows
            ]
        )


class ServiceCategoriesApi(RepairApi):
    def get(self, request: Request) -> Response:
        return Response(list(catalog.service_categories(event=shop_event())))


class ServicesApi(RepairApi):
    def get(self, request: Request) -> Response:
        category_id = query_id(request, "category_id")
        rows = catalog.services(event=shop_event(), category_id=category_id)
        return Response(
            [
                {
                    "id": row["id"],
                    "name": row["name"],
                    "description": row["description"],
                    "category": row["category"],
                    "duration_minutes": row["duration_minutes"],
                    "base_price": f"{row['base_price']:.2f}",
                }
                for row in rows
            ]
        )


class PricingByVehicleApi(RepairApi):
    def get(self, request: Request) -> Response:
        model_id = query_id(request, "vehicle_model_id")
        if model_id is None:
            raise ValidationError(fields={"vehicle_model_id": ["This parameter is required."]})
        prices = catalog.model_price_list(event=shop_event(), vehicle_model_id=model_id)
        if prices is None:
            raise NotFound("Vehicle model not found.")
        model = prices.vehicle_model
        return Response(
            {
                "vehicle_model": {
                    "id": model.pk,
                    "name": model.name,
                    "vehicle_brand": model.brand_id,
                    "brand_name": model.brand.name,
                },
                "currency": prices.currency,
                "services": [
                    {
                        "service_id": s.id,
                        "service_name": s.name,
                        "category": s.category,
                        "duration_minutes": s.duration_minutes,
                        "price": f"{s.price:.2f}",
                        "base_price": f"{s.base_price:.2f}",
                    }
                    for s in prices.services
                ],
            }
        )


class ShopInfoApi(RepairApi):
    def get(self, request: Request) -> Response:
        event = shop_event()
        venue = venue_page(event.venue_id)
        if venue is None:
            raise NotFound("Shop information is not available.")
        return Response(
            {
                "name": venue.name,
                "address": venue.address,
                "city": venue.city,
                "phone": venue.contact_phone,
                "email": venue.contact_email,
                "timings": [
                    {
                        "weekday": hours.weekday,
                        "day": hours.get_weekday_display(),
                        "opens": hours.opens.isoformat(),
                        "closes": hours.closes.isoformat(),
                    }
                    for hours in venue.opening_hours.all()
                ],
                "images": [{"url": image.url, "alt": image.alt} for image in venue.images.all()],
                "home_service": event.home_visit_fee is not None,
                "home_visit_fee": f"{event.home_visit_fee:.2f}"
                if event.home_visit_fee is not None
                else None,
            }
        )


# --- customer bookings ----------------------------------------------------------------------


class BookingInput(serializers.Serializer):
    customer_name = StrictCharField(max_length=150)
    customer_phone = StrictCharField(max_length=32)
    customer_email = serializers.EmailField(max_length=254)
    vehicle_model_id = StrictIntegerField(min_value=1)
    service_ids = serializers.ListField(
        child=StrictIntegerField(min_value=1), allow_empty=False, max_length=50
    )
    service_location = serializers.ChoiceField(choices=["shop", "home"], default="shop")
    address = StrictCharField(max_length=500, required=False, allow_blank=True)
    city = StrictCharField(max_length=100, required=False, allow_blank=True)
    postcode = StrictCharField(max_length=20, required=False, allow_blank=True)
    appointment_date = serializers.DateField()
    appointment_time = serializers.TimeField()
    payment_method = serializers.ChoiceField(choices=["cash", "razorpay"], default="cash")
    notes = StrictCharField(max_length=1000, required=False, allow_blank=True)

    def validate_payment_method(self, value: str) -> str:
        if value != "cash":
            raise serializers.ValidationError("Online payment is disabled; pay in cash.")
        return value


HISTORY_LIMIT = Limit("compat-repair-history", 30, 60)  # lookups per address per minute


class BookingsApi(RepairApi):
    def post(self, request: Request) -> Response:
        data = validated(BookingInput, request.data)
        booking = appointment_book(event=shop_event(), data=data)
        return Response(booking_body(booking), status=201)

    def get(self, request: Request) -> Response:
        raw = request.query_params.get("phone")
        if not raw:
            raise ValidationError(fields={"phone": ["This parameter is required."]})
        ratelimit.check((HISTORY_LIMIT, address_key(client_ip(request))))
        event = shop_event()
        phone = customer_phone(event, raw, "phone")
        bookings = booking_history_by_phone(phone).filter(event=event).order_by("-created_at")
        return Response([booking_body(b) for b in bookings[:100]])


def _booking_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise NotFound("Booking not found.") from None


class BookingDetailApi(RepairApi):
    def get(self, request: Request, booking_id: str) -> Response:
        booking = (
            Booking.objects.filter(pk=_booking_id(booking_id), event=shop_event())
            .select_related("event__venue")
            .prefetch_related("items__slot", "lines")
            .first()
        )
        if booking is None:
            raise NotFound("Booking not found.")
        return Response(booking_body(booking))


class PaymentsDisabledApi(RepairApi):
    """The README's Razorpay endpoints, "disabled by default": bookings here are paid in
    cash at the shop."""

    def post(self, request: Request) -> Response:
        return Response({"detail": "Online payments are disabled; pay in cash at the shop."},
                        status=400)  # fmt: skip


# --- staff, with X-API-Key ----------------------------------------------------------------


class ApiKeyAuthentication(BaseAuthentication):
    """``X-API-Key``: a staff API key (``backend.accounts.services.api_keys``). The request
    acts as the key's owner; each one is counted against the key's limit and audited."""

    def authenticate(self, request: Request) -> tuple[User, StaffApiKey] | None:
        key = request.META.get("HTTP_X_API_KEY")
        if key is None:
            raise NotAuthenticated("Authentication credentials were not provided.")
        detail = f"{request.method} {request.path}"
        api_key = api_key_use(key=key, action="compat.repairmybike.staff", detail=detail)
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        return "X-API-Key"


STAFF_STATUSES = {"pending", "confirmed", "in_progress", "completed", "cancelled"}
NATIVE_STATUS: dict[str, str] = {"pending": Booking.Status.PENDING_PAYMENT}


class StaffApi(RepairApi):
    authentication_classes = [ApiKeyAuthentication]

    def scope(self, request: Request) -> tuple[User, StaffApiKey]:
        api_key = request.auth
        assert isinstance(api_key, StaffApiKey)
        event = shop_event()
        api_key_reaches(api_key, event)
        return api_key.user, api_key

    def booking(self, request: Request, booking_id: str) -> Booking:
        user, api_key = self.scope(request)
        booking = (
            bookings_for_staff(user, event=api_key.event.slug)
            .filter(pk=_booking_id(booking_id))
            .first()
        )
        if booking is None:
            raise NotFound("Booking not found.")
        return booking


class StaffFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=sorted(STAFF_STATUSES), required=False)
    date = serializers.DateField(required=False)
    search = serializers.CharField(max_length=100, required=False)


class StaffBookingsApi(StaffApi):
    def get(self, request: Request) -> Response:
        user, api_key = self.scope(request)
        query = validated(StaffFilter, request.query_params)
        status = query.get("status")
        bookings = bookings_for_staff(
            user,
            event=api_key.event.slug,
            status=NATIVE_STATUS.get(status, status) if status else None,
            day=query.get("date"),
            search=query.get("search"),
        )
        if status == "cancelled":  # the old status covers every way a booking ended unused
            ended = [s for s, name in STATUS_NAMES.items() if name == "cancelled"]
            bookings = bookings_for_staff(
                user, event=api_key.event.slug, day=query.get("date"), search=query.get("search")
            ).filter(status__in=ended)
        return Response([booking_body(b) for b in bookings.order_by("-created_at")[:500]])


class StaffBookingDetailApi(StaffApi):
    def get(self, request: Request, booking_id: str) -> Response:
        return Response(booking_body(self.booking(request, booking_id)))


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=sorted(STAFF_STATUSES))


class StaffStatusApi(StaffApi):
    def patch(self, request: Request, booking_id: str) -> Response:
        booking = self.booking(request, booking_id)
        wanted = validated(StatusInput, request.data)["status"]
        if STATUS_NAMES.get(booking.status) != wanted:
            if wanted in ("pending", "confirmed"):
                raise ValidationError(
                    fields={
                        "status": [
                            f"A {STATUS_NAMES.get(booking.status)} booking cannot become {wanted}."
                        ]
                    }
                )
            booking_set_status(booking=booking, status=wanted, actor=request.user)
        return Response(booking_body(self.booking(request, booking_id)))


class StaffStatsApi(StaffApi):
    def get(self, request: Request) -> Response:
        user, api_key = self.scope(request)
        stats = booking_stats(user, event=api_key.event.slug)
        by_status: dict[str, int] = dict.fromkeys(sorted(STAFF_STATUSES), 0)
        for native, row in stats["by_status"].items():
            name = STATUS_NAMES.get(native, native)
            by_status[name] = by_status.get(name, 0) + row["bookings"]
        payments = stats["by_payment_status"]
        return Response(
            {
                "total_bookings": sum(by_status.values()),
                "bookings_by_status": by_status,
                "revenue": stats["revenue"],
                "payments": {
                    "paid": payments.get("paid", {}).get("bookings", 0),
                    "pending": payments.get("due", {}).get("bookings", 0)
                    + payments.get("unpaid", {}).get("bookings", 0),
                    "by_method": stats["by_method"],
                },
                "by_day": stats["by_day"],
            }
        )
