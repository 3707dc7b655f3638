"""A payment's amount and currency must be the booking's: a success for anything else is
refunded at once, with the reason on the payment, and the booking is not confirmed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from backend.bookings.models import Booking
from backend.payments.models import Payment
from backend.payments.providers import test as test_provider
from backend.payments.signing import sign
from tests.support.fake_razorpay import FakeRazorpay, payment_captured
from tests.support.fake_stripe import FakeStripe, signed_webhook

pytestmark = pytest.mark.django_db(transaction=True)


def unconfirmed(booking: Booking, shop: Any, payment: Payment, reason: str) -> None:
    booking.refresh_from_db()
    assert booking.status == "pending_payment"
    shop.slot.refresh_from_db()
    assert shop.slot.sold == 0
    payment.refresh_from_db()
    assert payment.status == "refunded"
    assert reason in payment.failure_message


@pytest.mark.parametrize(
    ("amount", "currency", "reason"),
    [(1, "sar", "Paid 0.01 SAR"), (30000, "usd", "Paid 300.00 USD"), (29999, "sar", "299.99")],
    ids=["a_cent", "another_currency", "one_halala_short"],
)
def test_a_stripe_success_for_another_amount_is_refunded(
    stripe_fake: FakeStripe, shop: Any, guest: Any, guest_api: Any,
    amount: int, currency: str, reason: str,
) -> None:  # fmt: skip
    booking = shop.book(guest, 2)  # SAR 300.00
    answer = guest_api.post(
        f"/api/bookings/{booking.pk}/pay/", {"provider": "stripe"}, format="json"
    )
    intent = answer.json()["client"]["payment_intent"]
    event = stripe_fake.succeed(intent)
    event["data"]["object"].update(amount_received=amount, currency=currency)
    body, signature = signed_webhook(event, stripe_fake.webhook_secret)

    delivered = Client().post(
        "/api/webhooks/stripe/", data=body, content_type="application/json",
        headers={"Stripe-Signature": signature},
    )  # fmt: skip

    assert delivered.status_code == 200
    payment = Payment.objects.get(booking=booking)
    unconfirmed(booking, shop, payment, reason)
    assert stripe_fake.calls("POST", "/v1/refunds")  # the money went back at Stripe


def test_the_exact_amount_is_accepted(
    stripe_fake: FakeStripe, shop: Any, guest: Any, guest_api: Any
) -> None:
    booking = shop.book(guest, 2)
    answer = guest_api.post(
        f"/api/bookings/{booking.pk}/pay/", {"provider": "stripe"}, format="json"
    )
    event = stripe_fake.succeed(answer.json()["client"]["payment_intent"])
    assert event["data"]["object"]["amount_received"] == 30000
    body, signature = signed_webhook(event, stripe_fake.webhook_secret)

    Client().post(
        "/api/webhooks/stripe/", data=body, content_type="application/json",
        headers={"Stripe-Signature": signature},
    )  # fmt: skip

    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_a_signed_test_event_for_a_cent_confirms_nothing(
    shop: Any, guest: Any, guest_api: Any, settings: Any
) -> None:
    """The review's case: a validly signed test-provider event for 0.01 confirmed a booking
    of several hundred."""
    settings.PAYMENTS_TEST_PROVIDER = True
    booking = shop.book(guest, 2)
    guest_api.post(f"/api/bookings/{booking.pk}/pay/", {"provider": "test"}, format="json")
    payment = Payment.objects.get(booking=booking)
    event = test_provider.test_event(payment, "payment.succeeded", "evt_cent")
    event["data"]["amount"] = 1
    body = json.dumps(event).encode()

    delivered = Client().post(
        "/api/webhooks/test/", data=body, content_type="application/json",
        headers={test_provider.HEADER: sign(test_provider.test_secret(), body)},
    )  # fmt: skip

    assert delivered.status_code == 200
    unconfirmed(booking, shop, payment, "Paid 0.01 SAR")
    assert str(payment.refunded_amount) == "0.01"  # what goes back is what was taken


def test_a_razorpay_capture_of_another_amount_is_refunded(
    razorpay: FakeRazorpay, shop: Any, guest: Any, guest_api: Any
) -> None:
    booking = shop.book(guest, 2)
    order = guest_api.post(
        f"/api/bookings/{booking.pk}/pay/", {"provider": "razorpay"}, format="json"
    )
    entity = razorpay.pay(order.json()["client"]["order_id"])
    entity["amount"] = 100

    body, headers = razorpay.webhook(payment_captured(entity))
    delivered = Client().post(
        "/api/webhooks/razorpay/", body, content_type="application/json", headers=headers
    )

    assert delivered.status_code == 200
    payment = Payment.objects.get(booking=booking)
    unconfirmed(booking, shop, payment, "Paid 1.00 SAR")
    assert razorpay.requests_to("POST", f"/v1/payments/{entity['id']}/refund")
