"""OC MENA's endpoints (reference/festival-ticketing.md) over the native views and services.

Most endpoints are the native view under the README's path: a subclass that changes only
what the old clients send differently. The event is implicit (the old system knew one
festival: ``festival_slug``), ids the README's paths leave out come in the JSON body, and
authentication is the Bearer JWT alone (scanning stations may also use their ``Device``
token): no session cookie, so no CSRF. Answers and errors are the native shapes (the README
documents none); an order's ``pending_payment`` is the old ``pending``.
"""

from __future__ import annotations

import contextlib
from typing import Any, cast

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import auth, passwords, profile, registration
from backend.accounts.authentication import DeviceAuthentication, SessionJWTAuthentication
from backend.accounts.models import User
from backend.accounts.permissions import IsSignedInUser, IsStaff, SignedInRequest
from backend.bookings.api import staff as booking_staff
from backend.bookings.api.bookings import owned_booking
from backend.bookings.api.output import booking_data
from backend.bookings.models import Booking
from backend.bookings.selectors import bookings_of
from backend.bookings.services.bookings import booking_cancel, booking_create
from backend.checkin import api as checkin
from backend.compat.oc_mena.festival import festival_slug
from backend.content import selectors as content
from backend.content.api import public
from backend.core.api import HealthApi
from backend.core.errors import NotFound, ServiceUnavailable
from backend.core.fields import IdField, StrictCharField, StrictIntegerField, StrictUUIDField
from backend.core.inputs import validated
from backend.core.pagination import PageInput, page_body, paginate
from backend.inventory.models import Resource
from backend.inventory.selectors.events import events_listed
from backend.inventory.selectors.slots import event_availability
from backend.inventory.services.holds import (
    HoldExpired,
    HoldNotActive,
    ItemRequest,
    hold_create,
    hold_release,
)
from backend.invoices.api.invoices import BookingInvoicesApi, BookingInvoicesResendApi
from backend.notifications.api import ResendApi
from backend.payments.api.pay import payment_state_data
from backend.payments.providers import configured_providers
from backend.payments.services.outcomes import refund_booking_payments
from backend.payments.services.payments import payment_latest, payment_start
from backend.tickets.api import changes, tickets, transfers
from backend.tickets.selectors import upgrades_of
from backend.vendors.api import booths, vendors
from backend.wallet.api.passes import TicketApplePassApi, TicketGooglePassApi
from backend.wallet.selectors import passes_of

# --- the old system's conventions ---

ORDER_STATUS: dict[str, str] = {Booking.Status.PENDING_PAYMENT: "pending"}


def order_data(booking: Booking) -> dict[str, Any]:
    """A native booking as an OC MENA order: the same fields, the old name for unpaid."""
    data = booking_data(booking)
    data["status"] = ORDER_STATUS.get(booking.status, booking.status)
    return data


class Compat(APIView):
    """Bearer JWT only (no session: no CSRF); left out of the native OpenAPI schema."""

    schema = None
    authentication_classes: list[type] = [SessionJWTAuthentication]


class Public(Compat):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class Station(Compat):
    authentication_classes: list[type] = [
        SessionJWTAuthentication,
        DeviceAuthentication,
    ]


class FestivalSlug(APIView):
    """Native views of ``events/<slug>/…``: the slug is the festival's."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        kwargs["slug"] = festival_slug()
        return super().dispatch(request, *args, **kwargs)


class FestivalQuery(APIView):
    """Native views that take ``?event=``: the festival's unless the client names one."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if "event" not in request.GET:
            query = request.GET.copy()
            query["event"] = festival_slug()
            request.GET = cast("Any", query)
        return super().dispatch(request, *args, **kwargs)


# --- public ---


class Health(Public, HealthApi):
    http_method_names = ["get", "head", "options"]


class ConfigPublic(Public, FestivalSlug):
    http_method_names = ["get", "head", "options"]

    def get(self, request: Request, slug: str) -> Response:
        event = content.public_event(slug)
        about = {
            "slug": event.slug,
            "name": event.name,
            "description": event.description,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "currency": event.currency,
            "status": event.status,
            "venue": {"name": event.venue.name, "city": event.venue.city},
        }
        return Response({"ok": True, **content.page_content(event), "event": about})


class Sponsors(Public, FestivalSlug, public.SponsorListApi):
    http_method_names = ["get", "head", "options"]


class Schedule(Public, FestivalSlug, public.ScheduleApi):
    http_method_names = ["get", "head", "options"]


class Contact(Public, FestivalSlug, public.ContactApi):
    http_method_names = ["post", "options"]


class TicketTypes(Public, FestivalSlug):
    """The festival's tickets on sale: one type per slot of a ticket or seat resource."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: Request, slug: str) -> Response:
        event = content.public_event(slug)
        names = dict(event.resources.filter(kind=Resource.Kind.TICKET).values_list("pk", "name"))
        now = timezone.now()
        slots, _ = event_availability(event, now=now, start=now)
        return Response(
            [
                {
                    "id": slot.id,
                    "name": names[slot.resource],
                    "price": f"{slot.price:.2f}",
                    "currency": event.currency,
                    "available": max(slot.available, 0),
                    "starts_at": slot.starts_at,
                    "ends_at": slot.ends_at,
                }
                for slot in slots
                if slot.resource in names
            ]
        )


# --- authentication ---


class Register(Public, registration.RegisterApi):
    http_method_names = ["post", "options"]


class Login(Public, auth.LoginApi):
    http_method_names = ["post", "options"]


class Logout(Compat, auth.LogoutApi):
    http_method_names = ["post", "options"]


class TokenRefresh(Public, auth.TokenRefreshApi):
    http_method_names = ["post", "options"]


class Me(Compat, profile.MeApi):
    http_method_names = ["get", "patch", "head", "options"]


class PasswordChange(Compat, passwords.PasswordChangeApi):
    http_method_names = ["post", "options"]


class PasswordReset(Public, passwords.PasswordResetApi):
    http_method_names = ["post", "options"]


class PasswordResetConfirm(Public, passwords.PasswordResetConfirmApi):
    http_method_names = ["post", "options"]


# --- tickets ---


class MyTickets(Compat, tickets.TicketListApi):
    http_method_names = ["get", "head", "options"]


class TicketDetail(Compat, tickets.TicketDetailApi):
    http_method_names = ["get", "head", "options"]


class TicketQr(Compat, tickets.TicketQrPngApi):
    http_method_names = ["get", "head", "options"]


class Transfers(Compat, transfers.TransferListCreateApi):
    http_method_names = ["get", "head", "options"]


class TransferCreate(Compat, transfers.TransferListCreateApi):
    http_method_names = ["post", "options"]


class TransferCancel(Compat, transfers.TransferCancelApi):
    http_method_names = ["post", "options"]


class TransferAcceptInput(serializers.Serializer):
    transfer = StrictUUIDField()


class TransferAccept(Compat, transfers.TransferAcceptApi):
    """The README's path has no id: the offer's id comes in the body."""

    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest, transfer_id: str = "") -> Response:
        data = validated(TransferAcceptInput, request.data)
        return super().post(request, transfer_id=str(data["transfer"]))


class Upgrades(Compat):
    permission_classes = [IsSignedInUser]
    http_method_names = ["get", "head", "options"]

    def get(self, request: SignedInRequest) -> Response:
        query = validated(PageInput, request.query_params)
        return Response(page_body(paginate(upgrades_of(request.user), **query), order_data))


class TicketInput(serializers.Serializer):
    ticket = IdField()


class UpgradeCreate(Compat, changes.TicketUpgradeApi):
    """``{ticket, slot}``: the ticket's id comes in the body."""

    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest, ticket_id: int = 0) -> Response:
        data = validated(TicketInput, request.data)
        return super().post(request, ticket_id=data["ticket"])


# --- checkout and orders ---


STRIPE = "stripe"


class CheckoutItemInput(serializers.Serializer):
    ticket_type = IdField(help_text="A ticket type's id (GET /api/tickets/types/).")
    quantity = StrictIntegerField(min_value=1, max_value=1000, default=1)


class CheckoutInput(serializers.Serializer):
    items = CheckoutItemInput(many=True, allow_empty=False, max_length=100)  # type: ignore[call-arg]
    holders = serializers.ListField(
        child=StrictCharField(max_length=150), required=False, max_length=1000
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)


class CheckoutConfirmInput(serializers.Serializer):
    order = StrictUUIDField()


def _checkout_answer(booking: Booking) -> dict[str, Any]:
    payment = payment_latest(booking=booking)
    return {
        "ok": True,
        "order": order_data(booking),
        "payment": payment_state_data(payment),
    }


class CheckoutCreateIntent(Compat):
    """Hold, book and start the Stripe payment in one request: the native hold, booking and
    payment services in turn (their limits and the inventory invariant apply unchanged)."""

    permission_classes = [IsSignedInUser]
    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest) -> Response:
        data = validated(CheckoutInput, request.data)
        event = events_listed().filter(slug=festival_slug()).first()
        if event is None:
            raise NotFound("There is no festival on sale.")
        if STRIPE not in configured_providers():
            raise ServiceUnavailable("Card payments are not available now.", code="no_provider")
        items = [ItemRequest(item["ticket_type"], item["quantity"]) for item in data["items"]]
        units = sum(item.quantity for item in items)
        holders = data.get("holders") or [_holder_name(request.user)] * units
        hold = hold_create(user=request.user, event=event, items=items)
        try:
            booking = booking_create(
                user=request.user,
                hold_id=hold.pk,
                details={"holders": holders},
                contact_email=data.get("contact_email") or "",
            )
        except Exception:
            with contextlib.suppress(HoldExpired, HoldNotActive):
                hold_release(hold=hold)
            raise
        intent: dict[str, Any] = {}
        if booking.status == Booking.Status.PENDING_PAYMENT:
            try:
                payment, checkout = payment_start(booking=booking, provider=STRIPE)
            except Exception:
                # Stripe refused or did not answer: the order ends and its places are free
                # again (the old client starts a checkout over; it cannot pay an order again).
                booking_cancel(booking=booking, note="The payment could not start.")
                raise
            intent = {
                "client_secret": checkout.client.get("client_secret"),
                "payment_intent_id": payment.reference,
                "publishable_key": checkout.client.get("publishable_key"),
                "amount": f"{payment.amount:.2f}",
                "currency": payment.currency,
            }
        booking = bookings_of(request.user).get(pk=booking.pk)
        return Response({**_checkout_answer(booking), **intent}, status=201)


def _holder_name(user: User) -> str:
    return user.name or user.email or "Guest"


class CheckoutConfirm(Compat):
    """Where the order stands: Stripe's signed webhook confirms it (the native way), this
    reads the order and its latest payment."""

    permission_classes = [IsSignedInUser]
    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest) -> Response:
        data = validated(CheckoutConfirmInput, request.data)
        return Response(_checkout_answer(owned_booking(request, data["order"])))


class Orders(Compat):
    permission_classes = [IsSignedInUser]
    http_method_names = ["get", "head", "options"]

    def get(self, request: SignedInRequest) -> Response:
        query = validated(PageInput, request.query_params)
        return Response(page_body(paginate(bookings_of(request.user), **query), order_data))


class OrderDetail(Compat):
    permission_classes = [IsSignedInUser]
    http_method_names = ["get", "head", "options"]

    def get(self, request: SignedInRequest, booking_id: str) -> Response:
        return Response(order_data(owned_booking(request, booking_id)))


class OrderInvoice(Compat, BookingInvoicesApi):
    http_method_names = ["get", "head", "options"]


# --- scanning ---


class ScanValidate(Station, checkin.ScanValidateApi):
    http_method_names = ["post", "options"]


class ScanCommit(Station, checkin.ScanCommitApi):
    http_method_names = ["post", "options"]


class ScanLogs(Compat, FestivalQuery, checkin.ScanLogApi):
    http_method_names = ["get", "head", "options"]


class ScanStats(Compat, FestivalQuery, checkin.ScanStatsApi):
    http_method_names = ["get", "head", "options"]


# --- staff actions ---


class StaffComp(Compat, changes.CompApi):
    http_method_names = ["post", "options"]


class RefundInput(serializers.Serializer):
    order = StrictUUIDField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class StaffRefund(Compat):
    """The native staff cancel with ``refund``: every succeeded payment refunded through its
    provider, the order ``refunded``."""

    permission_classes = [IsStaff]
    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest) -> Response:
        data = validated(RefundInput, request.data)
        booking = booking_staff.staff_booking(request, data["order"])
        refund_booking_payments(
            booking=booking, note=data.get("note") or "Refunded by staff.", actor=request.user
        )
        return Response(order_data(booking_staff.staff_booking(request, data["order"])))


class StaffUpgrade(Compat, changes.StaffTicketUpgradeApi):
    """``{ticket, slot, payment}``: the ticket's id comes in the body."""

    http_method_names = ["post", "options"]

    def post(self, request: Request, ticket_id: int = 0) -> Response:
        data = validated(TicketInput, request.data)
        return super().post(request, ticket_id=data["ticket"])


class StaffResendTickets(Compat, ResendApi):
    http_method_names = ["post", "options"]


class OrderInput(serializers.Serializer):
    order = StrictUUIDField()


class StaffResendInvoice(Compat, BookingInvoicesResendApi):
    """``{order}``: the order's id comes in the body."""

    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest, booking_id: Any = None) -> Response:
        data = validated(OrderInput, request.data)
        return super().post(request, booking_id=data["order"])


class StaffOrders(Compat, booking_staff.StaffBookingListApi):
    """The native list (its filters: event, status, date, search), orders' statuses named
    the old way."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: SignedInRequest) -> Response:
        response = super().get(request)
        for row in response.data["results"]:
            row["status"] = ORDER_STATUS.get(row["status"], row["status"])
        return response


class StaffOrderDetail(Compat):
    permission_classes = [IsStaff]
    http_method_names = ["get", "head", "options"]

    def get(self, request: SignedInRequest, booking_id: str) -> Response:
        return Response(order_data(booking_staff.staff_booking(request, booking_id)))


# --- vendors ---


class VendorList(Public, FestivalSlug, vendors.EventVendorsApi):
    http_method_names = ["get", "head", "options"]


class VendorProfile(Compat, FestivalQuery, vendors.VendorProfileApi):
    http_method_names = ["get", "patch", "head", "options"]


class VendorDashboard(Compat, FestivalQuery, vendors.VendorDashboardApi):
    http_method_names = ["get", "head", "options"]


class VendorSetupQr(Compat, FestivalQuery, vendors.VendorSetupCodeApi):
    http_method_names = ["get", "head", "options"]


class AdminBooths(Compat, FestivalQuery, booths.StaffBoothListApi):
    http_method_names = ["get", "head", "options"]


class BoothInput(serializers.Serializer):
    booth = IdField()


class AdminBoothAssign(Compat, booths.StaffBoothAssignApi):
    """``{booth, vendor}``: the booth's id comes in the body."""

    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest, booth_id: int = 0) -> Response:
        data = validated(BoothInput, request.data)
        return super().post(request, booth_id=data["booth"])


class AdminVendors(Compat, FestivalQuery, vendors.StaffVendorListApi):
    http_method_names = ["get", "head", "options"]


# --- wallet ---


class AppleCreatePass(Compat, TicketApplePassApi):
    """``{ticket}`` → the signed ``.pkpass`` (the native GET of the ticket's pass)."""

    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest) -> Any:
        data = validated(TicketInput, request.data)
        return self.get(request, ticket_id=data["ticket"])


class GoogleCreatePass(Compat, TicketGooglePassApi):
    """``{ticket}`` → ``{ok, save_url}`` (the native GET of the ticket's save link)."""

    http_method_names = ["post", "options"]

    def post(self, request: SignedInRequest) -> Response:
        data = validated(TicketInput, request.data)
        return self.get(request, ticket_id=data["ticket"])


class WalletPasses(Compat):
    permission_classes = [IsSignedInUser]
    http_method_names = ["get", "head", "options"]

    def get(self, request: SignedInRequest) -> Response:
        return Response(
            [
                {
                    "serial_number": wallet_pass.serial_number,
                    "ticket": wallet_pass.ticket_id,
                    "version": wallet_pass.version,
                    "updated_at": wallet_pass.updated_at,
                    "created_at": wallet_pass.created_at,
                }
                for wallet_pass in passes_of(request.user)
            ]
        )
