"""Payments over HTTP: start paying a booking, Razorpay's checkout signature, and the test
provider's page. The providers' webhooks are the webhooks app's (``backend.webhooks.api``)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.bookings.api.bookings import owned_booking
from backend.bookings.api.output import BookingOutput, booking_data
from backend.bookings.services.bookings import PAY_AT_VENUE
from backend.core.errors import NotFound, error_body
from backend.core.fields import StrictCharField, StrictSlugField
from backend.core.inputs import validated
from backend.inventory.selectors.events import event_find
from backend.payments.api import examples
from backend.payments.models import Payment
from backend.payments.providers import configured_providers, offered_providers
from backend.payments.providers.test import TestProvider
from backend.payments.services.payments import (
    booking_pay_at_venue,
    payment_latest,
    payment_start,
    razorpay_checkout_verify,
    test_checkout_press,
)


class ProvidersOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    providers = serializers.ListField(
        child=serializers.CharField(), help_text="Online providers configured now, in order."
    )


class ProvidersQuery(serializers.Serializer):
    event = StrictSlugField(
        required=False, help_text="An event's slug: adds `pay_at_venue` where it allows it."
    )


class PaymentProvidersApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="The payment providers a guest can pay with",
        description=(
            "The online providers configured on this server (`stripe`, `razorpay`, and `test` "
            "while the test provider is on), so a checkout offers only what works. With "
            "`?event=<slug>`, what that event's guests may choose: the same, then "
            "`pay_at_venue` where the event takes payment at the venue (404 for an unknown "
            "event). Cash, card and comp are staff actions and not listed."
        ),
        parameters=[ProvidersQuery],
        responses={200: ProvidersOutput},
        examples=examples.PAYMENT_PROVIDERS,
    )
    def get(self, request: Request) -> Response:
        query = validated(ProvidersQuery, request.query_params)
        if "event" not in query:
            return Response({"ok": True, "providers": configured_providers()})
        event = event_find(slug=query["event"], listed=True)
        if event is None:
            raise NotFound("There is no such event.")
        return Response({"ok": True, "providers": offered_providers(event)})


class PayInput(serializers.Serializer):
    provider = serializers.CharField(max_length=20)


class PayOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    payment = serializers.UUIDField()
    provider = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    client = serializers.DictField(
        help_text=(
            "What the provider's client needs: `client_secret` and `publishable_key` "
            "(stripe), `order_id`, `key_id` and `amount` (razorpay), `url` (test)."
        )
    )
    providers = serializers.ListField(
        child=serializers.CharField(), help_text="What this booking's event offers."
    )
    booking = BookingOutput(help_text="The booking as it now stands.")


class PayApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Pay a booking through a provider",
        description=(
            "Starts (or resumes) the booking's payment at the chosen provider, among those "
            "configured. Paying again resumes the same payment, never a second charge. "
            "`pay_at_venue`, where the event allows it (400 naming `provider` otherwise), "
            "confirms the booking at once: `status: confirmed`, `payment_status: due`, "
            "provider `pay_at_venue`, `client` empty, `payment` the open payment staff close "
            "when they take the money (mark-paid); such a booking never expires. `booking` is "
            "the booking as it now stands. 410 `hold_expired`; 409 `invalid_transition` if "
            "the booking is not waiting for payment; 503 `provider_unavailable`."
        ),
        request=PayInput,
        responses={200: PayOutput},
        examples=examples.PAY,
    )
    def post(self, request: Request, booking_id: str) -> Response:
        booking = owned_booking(request, booking_id)
        data = validated(PayInput, request.data)
        client: dict[str, Any] = {}
        if data["provider"] == PAY_AT_VENUE:
            payment = booking_pay_at_venue(booking=booking)
        else:
            payment, checkout = payment_start(booking=booking, provider=data["provider"])
            client = checkout.client
        return Response(
            {
                "ok": True,
                "payment": str(payment.pk),
                "provider": payment.provider,
                "amount": f"{payment.amount:.2f}",
                "currency": payment.currency,
                "client": client,
                "providers": offered_providers(booking.event),
                "booking": booking_data(owned_booking(request, booking_id)),
            }
        )


class PaymentStateOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    payment = serializers.UUIDField(
        allow_null=True, help_text="The attempt that changed last; null before any attempt."
    )
    provider = serializers.CharField(help_text="Its provider; empty before any attempt.")
    status = serializers.ChoiceField(
        choices=[("none", "No attempt yet"), *Payment.Status.choices],
        help_text=(
            "`created` while the provider has not answered; `failed` (declined: it may be "
            "tried again) or `canceled`, with a reason; `succeeded`; `refunded`."
        ),
    )
    failure_code = serializers.CharField(
        help_text=(
            "Why it failed or was cancelled, as the provider names it (`card_declined`, "
            "`insufficient_funds`, `expired_card`, `incorrect_cvc`, Stripe's `decline_code`, "
            "Razorpay's `error_reason`…), lower case; empty otherwise or when none was given."
        )
    )
    failure_message = serializers.CharField(
        help_text="The provider's own words (often English), for a code the client does not know."
    )
    updated_at = serializers.DateTimeField(allow_null=True)


def payment_state_data(payment: Payment | None) -> dict[str, Any]:
    if payment is None:
        return {
            "ok": True,
            "payment": None,
            "provider": "",
            "status": "none",
            "failure_code": "",
            "failure_message": "",
            "updated_at": None,
        }
    return {
        "ok": True,
        "payment": str(payment.pk),
        "provider": payment.provider,
        "status": payment.status,
        "failure_code": payment.failure_code,
        "failure_message": payment.failure_message,
        "updated_at": payment.updated_at,
    }


class PaymentStateApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="How paying my booking went",
        description=(
            "The caller's booking's latest payment attempt: `created` while the provider has "
            "not answered, `failed` (declined; it may be tried again, which starts it over as "
            "`created`) or `canceled` with the provider's `failure_code` and "
            "`failure_message`, `succeeded`, `refunded`; `status: none` and `payment` null "
            "before any attempt. 404 for a booking that is not the caller's."
        ),
        responses={200: PaymentStateOutput},
        examples=examples.PAYMENT_STATE,
    )
    def get(self, request: Request, booking_id: str) -> Response:
        booking = owned_booking(request, booking_id)
        return Response(payment_state_data(payment_latest(booking=booking)))


class RazorpayVerifyInput(serializers.Serializer):
    razorpay_order_id = StrictCharField(max_length=100)
    razorpay_payment_id = StrictCharField(max_length=100)
    razorpay_signature = StrictCharField(max_length=200)


class RazorpayVerifyOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    booking = serializers.UUIDField()
    status = serializers.CharField()


class RazorpayVerifyApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Razorpay checkout: confirm with the signature the browser got",
        description=(
            "Checks `order_id|payment_id` signed with the key secret, using the order id "
            "*we* stored for the caller's booking, then confirms it as the `payment.captured` "
            "webhook would (whichever comes first has the effect). 400 `bad_signature`."
        ),
        request=RazorpayVerifyInput,
        responses={200: RazorpayVerifyOutput},
        examples=examples.RAZORPAY_VERIFY,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(RazorpayVerifyInput, request.data)
        booking = razorpay_checkout_verify(
            user=request.user,
            order_id=data["razorpay_order_id"],
            payment_id=data["razorpay_payment_id"],
            signature=data["razorpay_signature"],
        )
        return Response({"ok": True, "booking": str(booking.pk), "status": booking.status})


def _safe_return(value: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return ""


@require_http_methods(["GET", "POST"])
def test_payment_page(request: HttpRequest, payment_id: uuid.UUID) -> HttpResponse:
    """The test provider's checkout: Pay or Fail, sent to us as a signed webhook. Only while
    the test provider is on: it confirms bookings without money."""
    if not TestProvider().is_configured():
        return JsonResponse(NotFound().body(), status=404)
    payment = get_object_or_404(
        Payment.objects.select_related("booking__event"), pk=payment_id, provider="test"
    )
    back = _safe_return(request.GET.get("return") or request.POST.get("return"))
    outcome = ""
    if request.method == "POST":
        choice = request.POST.get("outcome")
        if choice not in ("pay", "fail"):
            return JsonResponse(error_body("bad_request", "Choose pay or fail."), status=400)
        test_checkout_press(
            payment=payment, paid=choice == "pay", decline=request.POST.get("decline", "")
        )
        if back:
            return HttpResponseRedirect(back)
        payment.refresh_from_db()
        payment.booking.refresh_from_db()
        outcome = choice
    context: dict[str, Any] = {"payment": payment, "back": back, "outcome": outcome}
    return render(request, "payments/test_pay.html", context)
